import { plannedBackends } from '$lib/bench/backends';
import type { EngineId, ModelRun } from '$lib/schemas/capstone';
import type { ComputeReport } from '$lib/schemas/compute';
import type { BackendId } from '$lib/schemas/result';
import { BenchClient } from '$lib/workers/bench-client';
import { InferenceClient } from '$lib/workers/inference-client';
import { accuracyOf, agreementTolerance, maxAbsDiff } from './metrics';
import type { ModelBenchSpec, ModelTiming } from './model-bench';
import type { OrtEp } from './ort';

/**
 * One model on every engine of this device, one after the other: onnxruntime-web's WASM EP
 * (the reference the others are compared with), its WebGPU EP, and our own kernels on the
 * GPU and on the fastest WebAssembly build. Each engine gets a fresh worker.
 */
export type EnginePlan =
	| { engine: EngineId; label: string; kind: 'ort'; ep: OrtEp; numThreads: number }
	| { engine: EngineId; label: string; kind: 'own'; backend: BackendId };

/** onnxruntime-web's WASM threads: every core up to 4 when the page is isolated (its own default is 1 on 2 cores). */
export const ortThreads = (c: ComputeReport) => (c.crossOriginIsolated ? Math.max(1, Math.min(4, c.hardwareConcurrency)) : 1);

export function enginesFor(compute: ComputeReport): EnginePlan[] {
	const threads = ortThreads(compute);
	const wasm = plannedBackends(compute).run.find((b) => b.startsWith('wasm')) ?? 'wasm-simd';
	return [
		{ engine: 'ort-wasm', label: `onnxruntime-web, WASM EP (${threads} thread${threads > 1 ? 's' : ''})`, kind: 'ort', ep: 'wasm', numThreads: threads },
		{ engine: 'ort-webgpu', label: 'onnxruntime-web, WebGPU EP', kind: 'ort', ep: 'webgpu', numThreads: 1 },
		{ engine: 'own-webgpu', label: 'Own kernels, WebGPU', kind: 'own', backend: 'webgpu' },
		{ engine: `own-${wasm}` as EngineId, label: `Own kernels, ${wasm}`, kind: 'own', backend: wasm }
	];
}

export interface EngineRunInput {
	bytes: Uint8Array;
	spec: ModelBenchSpec;
	/** Labels of the samples, for accuracy. */
	labels: ArrayLike<number> | null;
}

export interface EngineRunOptions {
	signal: AbortSignal;
	onEngine?(plan: EnginePlan, index: number): void;
	onRun?(run: ModelRun): void;
}

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

function emptyRun(plan: EnginePlan, status: ModelRun['status'], reason: string | null): ModelRun {
	return {
		engine: plan.engine,
		label: plan.label,
		ep: plan.kind === 'ort' ? plan.ep : null,
		threads: plan.kind === 'ort' ? plan.numThreads : null,
		status,
		reason,
		setup_ms: null,
		first_run_ms: null,
		latency: null,
		batch_latency: null,
		batch: 1,
		throughput_1: null,
		throughput_batch: null,
		accuracy: null,
		agreement: null
	};
}

type Measured = { timing: ModelTiming; ep: OrtEp | null; threads: number | null; label: string; note: string | null } | { unavailable: string };

async function measureOn(plan: EnginePlan, input: EngineRunInput, stop: (w: { terminate(reason?: string): void } | null) => void): Promise<Measured> {
	if (plan.kind === 'ort') {
		const client = new InferenceClient();
		stop(client);
		try {
			const loaded = await client.load(plan.ep, plan.numThreads);
			if (loaded.unavailable) return { unavailable: loaded.unavailable };
			// The WebGPU build can also run the WASM EP: a session WebGPU cannot take still runs, and says so.
			const eps: OrtEp[] = plan.ep === 'webgpu' ? ['webgpu', 'wasm'] : ['wasm'];
			const done = await client.modelBench(input.bytes, input.spec, eps);
			const note = done.fellBack.length ? `Ran on the ${done.ep} EP: ${done.fellBack.map((f) => `the ${f.ep} EP failed (${f.reason})`).join('; ')}.` : null;
			return { timing: done.timing, ep: done.ep, threads: done.ep === 'wasm' ? plan.numThreads : null, label: plan.label, note };
		} finally {
			client.terminate();
			stop(null);
		}
	}
	const client = new BenchClient();
	stop(client);
	try {
		const done = await client.modelBench({ backend: plan.backend, model: input.bytes, spec: input.spec });
		if (done.unavailable || !done.timing) return { unavailable: done.unavailable ?? 'The own kernels did not run.' };
		return { timing: done.timing, ep: null, threads: done.threads, label: `Own kernels, ${done.label}`, note: null };
	} finally {
		client.terminate();
		stop(null);
	}
}

export async function runOnEngines(input: EngineRunInput, engines: EnginePlan[], opts: EngineRunOptions): Promise<ModelRun[]> {
	const runs: ModelRun[] = [];
	let reference: { engine: EngineId; outputs: Float32Array } | null = null;
	let current: { terminate(reason?: string): void } | null = null;
	const abort = () => current?.terminate('Cancelled.');
	opts.signal.addEventListener('abort', abort);
	try {
		for (const [i, plan] of engines.entries()) {
			opts.signal.throwIfAborted();
			opts.onEngine?.(plan, i);
			let run: ModelRun;
			try {
				const got = await measureOn(plan, input, (w) => (current = w));
				if ('unavailable' in got) run = emptyRun(plan, 'unavailable', got.unavailable);
				else {
					const t = got.timing;
					const agreement = reference
						? (() => {
								const tolerance = agreementTolerance(reference.outputs);
								const diff = maxAbsDiff(t.outputs, reference.outputs);
								return { vs: reference.engine, max_abs_diff: Number.isFinite(diff) ? diff : 1e30, tolerance, within: diff <= tolerance };
							})()
						: null;
					reference ??= { engine: plan.engine, outputs: t.outputs };
					run = {
						...emptyRun(plan, 'ok', got.note),
						label: got.label,
						ep: got.ep,
						threads: got.threads,
						setup_ms: t.setup_ms,
						first_run_ms: t.first_run_ms,
						latency: t.latency,
						batch_latency: t.batch_latency,
						batch: t.batch,
						throughput_1: t.throughput_1,
						throughput_batch: t.throughput_batch,
						accuracy: input.labels ? accuracyOf(t.outputs, t.output_size, input.labels) : null,
						agreement
					};
				}
			} catch (err) {
				if (opts.signal.aborted) throw new DOMException('Cancelled', 'AbortError');
				run = emptyRun(plan, 'error', `${plan.label} stopped: ${messageOf(err)}`);
			}
			runs.push(run);
			opts.onRun?.(run);
		}
	} finally {
		opts.signal.removeEventListener('abort', abort);
		abort();
	}
	return runs;
}
