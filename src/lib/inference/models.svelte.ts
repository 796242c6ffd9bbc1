import { compute } from '$lib/compute/compute.svelte';
import { sha256Hex } from '$lib/models/hash';
import { loadManifest, loadShipped } from '$lib/models/shipped';
import type { ModelReport, ModelRun } from '$lib/schemas/capstone';
import type { ModelsManifest } from '$lib/schemas/models';
import { checkModel, checkSize, parseSampleShape, type CheckedModel } from './check-model';
import { enginesFor, runOnEngines } from './engines';
import { readEvalData, type EvalData } from './eval-data';
import { benchSpec, MODEL_TIMING, probeSamples, samplesFromDataset, samplesFromEval, type ModelSamples } from './model-input';

/** The model being looked at: a shipped one, or the student's own file. */
export interface SelectedModel {
	name: string;
	shipped: boolean;
	bytes: Uint8Array;
	checked: CheckedModel;
	/** The shipped eval set, or the student's data once given. */
	samples: ModelSamples | null;
	expectedAccuracy: number | null;
}

/**
 * The Models page: pick a shipped model or drop a file, check it, ask for what is missing
 * (the input shape, optional eval data), then run it on every engine. Every failure is a
 * message on the page; nothing here throws at the page.
 */
class ModelsPage {
	#manifest = $state<ModelsManifest | null>(null);
	// Raw: a parsed graph can be large, and is replaced, never edited in place.
	#selected = $state.raw<SelectedModel | null>(null);
	#sampleShape = $state.raw<number[] | null>(null);
	#status = $state<'idle' | 'loading' | 'ready' | 'running' | 'done' | 'cancelled'>('idle');
	#message = $state<string | null>(null);
	#dataMessage = $state<string | null>(null);
	#step = $state('');
	#runs = $state<ModelRun[]>([]);
	/** Every model measured on this page since it was opened (the capstone can submit one as "optimised"). */
	#reports = $state<ModelReport[]>([]);
	#controller: AbortController | null = null;

	get manifest() { return this.#manifest; }
	get selected() { return this.#selected; }
	get sampleShape() { return this.#sampleShape; }
	get status() { return this.#status; }
	get message() { return this.#message; }
	get dataMessage() { return this.#dataMessage; }
	get step() { return this.#step; }
	get runs() { return this.#runs; }
	get reports() { return this.#reports; }

	async loadManifest() {
		try {
			this.#manifest = await loadManifest();
		} catch (err) {
			this.#message = (err as Error).message;
		}
	}

	#select(model: SelectedModel | null, message: string | null) {
		this.#selected = model;
		this.#runs = [];
		this.#message = message;
		this.#dataMessage = null;
		const s = model?.checked.sampleShape;
		this.#sampleShape = s && s.every((d) => d !== null) ? (s as number[]) : null;
		this.#status = model ? 'ready' : 'idle';
	}

	async pickShipped(id: string) {
		if (this.#status === 'running') return;
		this.#status = 'loading';
		try {
			const { entry, bytes, evalSet } = await loadShipped(id);
			const check = checkModel(bytes);
			if (!check.ok) throw new Error(check.message);
			this.#select({ name: entry.id, shipped: true, bytes, checked: check.checked, samples: samplesFromDataset(evalSet, entry.eval_set), expectedAccuracy: entry.accuracy }, null);
		} catch (err) {
			this.#select(null, (err as Error).message);
		}
	}

	/** A dropped or picked file: the size is checked before it is read, the contents before anything runs. */
	async dropFile(file: File) {
		if (this.#status === 'running') return;
		const tooBig = checkSize(file.size);
		if (tooBig) return this.#select(null, tooBig);
		this.#status = 'loading';
		try {
			const bytes = new Uint8Array(await file.arrayBuffer());
			const check = checkModel(bytes);
			if (!check.ok) return this.#select(null, `${file.name}: ${check.message}`);
			this.#select({ name: file.name.replace(/\.onnx$/i, ''), shipped: false, bytes, checked: check.checked, samples: null, expectedAccuracy: null }, null);
		} catch (err) {
			this.#select(null, `${file.name} could not be read: ${(err as Error).message}`);
		}
	}

	/** The sample shape typed by the student, for inputs whose sizes the file leaves open. */
	setShape(text: string): string | null {
		const parsed = parseSampleShape(text, this.#selected?.checked.sampleShape ?? null);
		if ('error' in parsed) return parsed.error;
		this.#sampleShape = parsed.shape;
		return null;
	}

	async setEvalData(files: File[]) {
		const model = this.#selected;
		if (!model || !files.length) return;
		try {
			const data: EvalData = readEvalData(await Promise.all(files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) }))));
			const shape = this.#sampleShape;
			const size = (s: number[]) => s.reduce((a, b) => a * b, 1);
			if (shape && size(shape) !== size(data.sampleShape)) throw new Error(`Each sample in the data is [${data.sampleShape}], but the model takes [${shape}].`);
			if (!shape) this.#sampleShape = data.sampleShape;
			this.#selected = { ...model, samples: samplesFromEval(data) };
			this.#dataMessage = `${data.count} samples from ${data.source}${data.labels ? ', with labels' : ', without labels (no accuracy)'}.`;
		} catch (err) {
			this.#selected = { ...model, samples: model.shipped ? model.samples : null };
			this.#dataMessage = (err as Error).message;
		}
	}

	async run() {
		const model = this.#selected;
		const shape = this.#sampleShape;
		if (!model || !shape || this.#status === 'running') return;
		this.#status = 'running';
		this.#runs = [];
		this.#controller = new AbortController();
		try {
			await compute.load();
			if (!compute.report) throw new Error(compute.error ?? 'Could not inspect this device.');
			const samples = model.samples ?? probeSamples(shape);
			const engines = enginesFor(compute.report);
			const runs = await runOnEngines(
				{ bytes: model.bytes, spec: benchSpec(shape, model.checked.batched, samples, MODEL_TIMING.standard), labels: samples.labels },
				engines,
				{ signal: this.#controller.signal, onEngine: (e, i) => (this.#step = `${e.label} (${i + 1} of ${engines.length})`), onRun: (r) => this.#runs.push(r) }
			);
			this.#reports = [
				...this.#reports.filter((r) => r.model !== model.name),
				{
					model: model.name,
					title: model.name,
					sha256: await sha256Hex(model.bytes),
					size_bytes: model.bytes.length,
					parameter_count: model.checked.parameterCount,
					expected_accuracy: model.expectedAccuracy,
					samples: samples.count,
					labelled: samples.labels !== null,
					runs
				}
			];
			this.#status = 'done';
		} catch (err) {
			if ((err as Error).name === 'AbortError') this.#status = 'cancelled';
			else {
				this.#status = 'ready';
				this.#message = `The run stopped: ${(err as Error).message}`;
			}
		} finally {
			this.#controller = null;
		}
	}

	cancel() {
		this.#controller?.abort();
	}
}

export const modelsPage = new ModelsPage();
