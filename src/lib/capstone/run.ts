import { version } from '$app/environment';
import { plannedBackends } from '$lib/bench/backends';
import { backendName, type Progress } from '$lib/bench/runner';
import { BANDWIDTH_WORKLOAD, CAPSTONE_LENGTHS, capstoneWorkloads, matmulWorkload, type CapstoneLength } from '$lib/bench/suites/capstone';
import { enginesFor } from '$lib/inference/engines';
import { shippedModelReport } from '$lib/inference/shipped-report';
import { loadManifest } from '$lib/models/shipped';
import { CAPSTONE_FORMAT, type MemoryFootprint, type ModelReport, type Roofline } from '$lib/schemas/capstone';
import type { ComputeReport } from '$lib/schemas/compute';
import { benchResultSchema, type BackendId, type BenchResult, type WorkloadResult } from '$lib/schemas/result';
import { BenchClient } from '$lib/workers/bench-client';
import { BASELINE_MODEL, olympicsFor, submissionFor } from './entries';
import { startPageMemory } from './memory';
import { measuredRoofline } from './roofline';
import { capstoneScore } from './score';

export interface CapstoneOptions {
	length: CapstoneLength;
	signal: AbortSignal;
	onProgress(p: Progress): void;
	onRow(row: WorkloadResult): void;
	onModel(report: ModelReport): void;
}

const cancelled = () => new DOMException('Cancelled', 'AbortError');

/** Names and kinds of the kernel rows, for the roofline. */
function kernelNames(length: CapstoneLength) {
	const s = CAPSTONE_LENGTHS[length];
	const all = [...s.sweep.map(matmulWorkload), ...capstoneWorkloads(s)];
	const byWorkload = new Map(all.map((w) => [w.workload, w]));
	return {
		all,
		name: (w: string) => byWorkload.get(w)?.name ?? w,
		computeBound: (w: string) => byWorkload.get(w)?.kind === 'compute',
		bandwidthFrom: BANDWIDTH_WORKLOAD
	};
}

/**
 * The capstone: every kernel workload on every fast backend (one backend at a time in the
 * bench worker), then each shipped model on every engine, then what follows from the
 * measurements — roofline, memory, Module 20 submission, Olympics events, score.
 * Rejects with an AbortError when cancelled; a crashed backend costs only its own rows.
 */
export async function runCapstone(compute: ComputeReport, opts: CapstoneOptions): Promise<BenchResult> {
	const started = new Date();
	const t0 = performance.now();
	const names = kernelNames(opts.length);
	const { run, skipped } = plannedBackends(compute);
	const backends = run.filter((b) => b !== 'js');
	const notes = [...skipped.map((s) => `${backendName(s.backend)} not run: ${s.reason}`), 'Plain JavaScript is left out of the capstone (the baseline shows it): its big kernels would take minutes.'];
	const manifest = await loadManifest();
	const engines = enginesFor(compute);
	const total = backends.length * names.all.length + manifest.models.length * engines.length;
	let done = 0;
	const progress = (step: string) => {
		const elapsed = performance.now() - t0;
		opts.onProgress({ fraction: done / total, step, etaMs: done ? (elapsed / done) * (total - done) : null });
	};

	const rows: WorkloadResult[] = [];
	const labels = new Map<BackendId, string>();
	const memory: MemoryFootprint = { gpu_bytes: null, wasm_heap_bytes: null, page_bytes: null, notes: [] };
	// Asked at the start: the browser answers at a garbage collection of its choosing, during the run.
	const pageMemory = startPageMemory();
	let client: BenchClient | null = null;
	const stop = () => client?.terminate('Cancelled.');
	opts.signal.addEventListener('abort', stop);
	try {
		for (const backend of backends) {
			opts.signal.throwIfAborted();
			const before = done;
			client = new BenchClient();
			try {
				const finished = await client.capstoneKernels(
					{ backend, length: opts.length },
					{
						start: (w) => progress(`${backendName(backend)}: ${names.name(w)}`),
						done: (row) => {
							rows.push(row);
							opts.onRow(row);
							done++;
						}
					}
				);
				if (finished.unavailable) notes.push(`${backendName(backend)} not run: ${finished.unavailable}`);
				else labels.set(backend, finished.label ?? backend);
				notes.push(...finished.notes);
				if (finished.memory?.kind === 'gpu') memory.gpu_bytes = Math.max(memory.gpu_bytes ?? 0, finished.memory.bytes);
				if (finished.memory?.kind === 'wasm') memory.wasm_heap_bytes = Math.max(memory.wasm_heap_bytes ?? 0, finished.memory.bytes);
			} catch (err) {
				if (opts.signal.aborted) throw cancelled();
				notes.push(`The ${backendName(backend)} run stopped: ${(err as Error).message}`);
			} finally {
				client.terminate();
				client = null;
			}
			// A sweep that stopped early (or a backend that did not run) skips its remaining steps.
			done = before + names.all.length;
		}

		const models: ModelReport[] = [];
		for (const entry of manifest.models) {
			opts.signal.throwIfAborted();
			const before = done;
			const report = await shippedModelReport(entry, engines, {
				evalImages: CAPSTONE_LENGTHS[opts.length].evalImages,
				timing: opts.length,
				signal: opts.signal,
				onEngine: (e, i) => {
					done = before + i;
					progress(`${entry.title} on ${e.label}`);
				}
			});
			done = before + engines.length;
			models.push(report);
			opts.onModel(report);
		}
		progress('Roofline, memory and the Module 20 submission');
		const page = await pageMemory.collect(opts.length === 'test' ? 2000 : 10_000);
		memory.page_bytes = page.bytes;
		if (page.note) memory.notes.push(page.note);
		if (memory.gpu_bytes === null) memory.notes.push('No GPU memory: the WebGPU kernels did not run.');

		const roofline: Roofline[] = [];
		for (const [backend, label] of labels) {
			const measured = measuredRoofline(
				rows.filter((r) => r.backend === backend).map((r) => ({ ...r, ok: r.check.passed && !r.error })),
				names
			);
			if (!measured) {
				notes.push(`${backendName(backend)}: no roofline, as its matmul or copy kernel did not give a valid time.`);
				continue;
			}
			roofline.push({
				backend,
				label,
				peak_gflops: measured.ceilings.peakGflops,
				peak_from: measured.peakFrom,
				bandwidth_gbps: measured.ceilings.bandwidthGbps,
				bandwidth_from: measured.bandwidthFrom,
				points: measured.points.map((p) => ({ workload: p.workload, name: p.name, flops: p.flops, bytes: p.bytes, gflops: p.gflops, intensity: p.intensity, bound: p.bound, of_peak: p.ofPeak, of_attainable: p.ofAttainable, sentence: p.sentence }))
			});
		}
		const baseline = models.find((m) => m.model === BASELINE_MODEL) ?? null;
		const built = baseline ? submissionFor(compute, baseline, null) : null;
		if (built && !built.ok) notes.push(`No Module 20 submission: ${built.problems.join(' ')}`);
		const failures = rows.filter((r) => r.error || !r.check.passed).length + models.flatMap((m) => m.runs).filter((r) => r.status === 'error').length;
		opts.onProgress({ fraction: 1, step: 'Done', etaMs: 0 });
		return benchResultSchema.parse({
			schema: 'tito-web/result@1',
			id: crypto.randomUUID(),
			suite: 'capstone',
			started_at: started.toISOString(),
			finished_at: new Date().toISOString(),
			app_version: version,
			status: failures ? 'partial' : 'complete',
			compute,
			workloads: rows,
			scores: [],
			notes,
			capstone: {
				format: CAPSTONE_FORMAT,
				length: opts.length,
				wall_ms: performance.now() - t0,
				roofline,
				models,
				memory,
				submission: built?.ok ? built.submission : null,
				olympics: olympicsFor(models, baseline, null),
				score: capstoneScore(rows, models)
			}
		});
	} catch (err) {
		if (opts.signal.aborted) throw cancelled();
		throw err;
	} finally {
		opts.signal.removeEventListener('abort', stop);
		stop();
	}
}
