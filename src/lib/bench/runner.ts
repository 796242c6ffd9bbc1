import { version } from '$app/environment';
import type { ComputeReport } from '$lib/schemas/compute';
import { benchResultSchema, type BackendId, type BenchResult, type WorkloadResult } from '$lib/schemas/result';
import { BenchClient } from '$lib/workers/bench-client';
import type { Fault } from '$lib/workers/protocol';
import { plannedBackends } from './backends';
import { baselineScore } from './score';
import { baselineWorkloads } from './suites/baseline';
import { baselineModel, baselineModelEngines } from './suites/baseline-model';
import type { ModelReport } from '$lib/schemas/capstone';

export interface Progress {
	fraction: number;
	step: string;
	etaMs: number | null;
}

export interface BaselineOptions {
	/** Time budget of each timed step; the run takes about 1.7× this per step. */
	budgetMs: number;
	signal: AbortSignal;
	fault?: Fault;
	onProgress(p: Progress): void;
	onRow(row: WorkloadResult): void;
}

const BACKEND_NAMES: Record<BackendId, string> = {
	webgpu: 'GPU (WebGPU)',
	'wasm-simd-threads': 'CPU, WebAssembly SIMD, all cores',
	'wasm-simd': 'CPU, WebAssembly SIMD, 1 core',
	'wasm-scalar': 'CPU, WebAssembly, 1 core',
	js: 'CPU, plain JavaScript'
};
export const backendName = (b: BackendId) => BACKEND_NAMES[b];

function failedRows(backend: BackendId, reason: string, done: Set<string>): WorkloadResult[] {
	return baselineWorkloads
		.filter((w) => !done.has(w.workload))
		.map((w) => ({
			workload: w.workload,
			backend,
			threads: 1,
			shape: w.shape,
			measurement: null,
			flops: null,
			bytes: null,
			gflops: null,
			gbps: null,
			check: { passed: false, max_abs_error: null, tolerance: 0 },
			error: reason
		}));
}

/** TinyTorch's score per backend whose three workloads all ran and passed their checks. */
export function scoresOf(rows: WorkloadResult[]) {
	const backends = [...new Set(rows.map((r) => r.backend))];
	return backends.flatMap((backend) => {
		const ms = (w: string) => {
			const r = rows.find((x) => x.backend === backend && x.workload === w);
			return r?.check.passed && r.measurement ? r.measurement.median_ms : null;
		};
		const [t, m, f] = [ms('tensor_ops'), ms('matmul'), ms('forward_pass')];
		return t === null || m === null || f === null ? [] : [baselineScore(backend, { tensor_ops_ms: t, matmul_ms: m, forward_pass_ms: f })];
	});
}

/**
 * Runs the baseline on every backend of this device, one backend at a time in the
 * bench worker. A crashed worker costs only its backend: the run goes on in a new one.
 * Resolves with the whole result; rejects with an AbortError when cancelled.
 */
export async function runBaseline(compute: ComputeReport, opts: BaselineOptions): Promise<BenchResult> {
	const started = new Date();
	const t0 = performance.now();
	const { run, skipped } = plannedBackends(compute);
	const notes = skipped.map((s) => `${backendName(s.backend)} not run: ${s.reason}`);
	const rows: WorkloadResult[] = [];
	const modelEngines = baselineModelEngines(compute);
	const totalSteps = run.length * baselineWorkloads.length + modelEngines.length;
	let hidden = false;
	const onVisibility = () => (hidden ||= document.visibilityState === 'hidden');
	document.addEventListener('visibilitychange', onVisibility);

	let client = new BenchClient();
	const abort = () => client.terminate();
	opts.signal.addEventListener('abort', abort);
	// The test fault hits the first backend that really runs.
	let fault = opts.fault;
	try {
		for (const backend of run) {
			const done = new Set<string>();
			try {
				const finished = await client.runWorkloads(
					{ backend, suite: 'baseline', budgetMs: opts.budgetMs, fault },
					{
						start(workload) {
							const stepsDone = rows.length;
							const elapsed = performance.now() - t0;
							opts.onProgress({
								fraction: stepsDone / totalSteps,
								step: `${backendName(backend)}: ${baselineWorkloads.find((w) => w.workload === workload)?.label ?? workload}`,
								etaMs: stepsDone ? (elapsed / stepsDone) * (totalSteps - stepsDone) : null
							});
						},
						done(row) {
							done.add(row.workload);
							rows.push(row);
							opts.onRow(row);
						}
					}
				);
				if (finished.unavailable) notes.push(`${backendName(backend)} not run: ${finished.unavailable}`);
				else fault = undefined;
			} catch (err) {
				if (opts.signal.aborted) throw new DOMException('Cancelled', 'AbortError');
				const reason = `The ${backendName(backend)} run stopped: ${(err as Error).message}`;
				notes.push(reason);
				for (const row of failedRows(backend, reason, done)) rows.push(row), opts.onRow(row);
				client.terminate();
				client = new BenchClient();
			}
		}
	} finally {
		opts.signal.removeEventListener('abort', abort);
		client.terminate();
	}
	let models: ModelReport[] = [];
	try {
		const stepsBefore = rows.length;
		models = [
			await baselineModel(compute, opts.signal, (plan, i) => {
				const elapsed = performance.now() - t0;
				const stepsDone = stepsBefore + i;
				opts.onProgress({ fraction: stepsDone / totalSteps, step: `Tiny ONNX model on ${plan.label}`, etaMs: (elapsed / stepsDone) * (totalSteps - stepsDone) });
			})
		];
	} catch (err) {
		if (opts.signal.aborted) throw new DOMException('Cancelled', 'AbortError');
		notes.push(`The tiny ONNX model did not run: ${(err as Error).message}`);
	} finally {
		document.removeEventListener('visibilitychange', onVisibility);
	}
	if (hidden) notes.push('The tab was hidden during the run: browsers slow down hidden tabs, so some times may be too long. Run again with the tab in front.');
	const failures = rows.filter((r) => r.error).length;
	opts.onProgress({ fraction: 1, step: 'Done', etaMs: 0 });
	return benchResultSchema.parse({
		schema: 'tito-web/result@1',
		id: crypto.randomUUID(),
		suite: 'baseline',
		started_at: started.toISOString(),
		finished_at: new Date().toISOString(),
		app_version: version,
		status: failures ? 'partial' : 'complete',
		compute,
		workloads: rows,
		scores: scoresOf(rows),
		notes,
		models
	});
}
