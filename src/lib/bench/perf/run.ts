import { ORT_VERSION } from '$lib/inference/ort';
import type { ComputeReport } from '$lib/schemas/compute';
import { perfReportSchema, type PerfEntry, type PerfReport } from '$lib/schemas/perf';
import { BenchClient } from '$lib/workers/bench-client';
import { InferenceClient } from '$lib/workers/inference-client';
import type { MatmulTimingRow } from '$lib/workers/protocol';
import { measuredEntry, notRunEntries } from './entries';
import { perfPlan, variantLabel, type PerfSettings, type PerfVariant } from './plan';
import { perfRatios } from './ratios';

export interface PerfRunOptions {
	signal: AbortSignal;
	onStep(step: string, fraction: number): void;
	onEntry(entry: PerfEntry): void;
}

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * The performance lab: the float64 references first, then each implementation in turn
 * (never two at once, so they do not share the cores), every size checked as it lands.
 * Our kernels run in the bench worker, onnxruntime-web in a fresh inference worker per
 * EP and thread count (it reads its thread count once).
 */
export async function runPerfLab(compute: ComputeReport, settings: PerfSettings, opts: PerfRunOptions): Promise<PerfReport> {
	const startedAt = new Date().toISOString();
	const plan = perfPlan(settings, compute.hardwareConcurrency);
	const sizes = [...new Set(plan.flatMap((v) => v.sizes))].sort((a, b) => a - b);
	const totalSteps = sizes.length + plan.reduce((s, v) => s + v.sizes.length, 0);
	let steps = 0;
	let current = '';
	const step = (text = current) => opts.onStep((current = text), steps / totalSteps);

	const entries: PerfEntry[] = [];
	const push = (e: PerfEntry) => {
		entries.push(e);
		opts.onEntry(e);
	};
	// Cancel stops whichever workers are running at once (a matmul cannot be interrupted from inside).
	const workers = new Set<{ terminate(reason?: string): void }>();
	const started = <T extends { terminate(reason?: string): void }>(w: T): T => {
		workers.add(w);
		return w;
	};
	const stopAll = () => workers.forEach((w) => w.terminate('Cancelled.'));
	opts.signal.addEventListener('abort', stopAll);
	let bench = started(new BenchClient());
	let stepsBeforeVariant = sizes.length;
	let ortVersion = ORT_VERSION;
	try {
		const references = new Map<number, Float64Array>();
		for (const n of sizes) {
			step(`Float64 reference, ${n}×${n}`);
			references.set(n, await bench.matmulReference(n));
			steps++;
		}
		// onnxruntime-web's first correct answer per device and size: what our rows are compared with.
		const ortOutputs = new Map<string, Float32Array>();

		for (const v of plan) {
			opts.signal.throwIfAborted();
			let variant: PerfVariant = v;
			const measured = new Set<number>();
			const onRow = ({ timing, output }: MatmulTimingRow) => {
				const key = `${v.backend}:${timing.size}`;
				const other = v.impl === 'own' ? (ortOutputs.get(key) ?? null) : null;
				const entry = measuredEntry(variant, timing, output, references.get(timing.size)!, other);
				if (v.impl === 'onnxruntime-web' && entry.status === 'ok' && output && !ortOutputs.has(key)) ortOutputs.set(key, output);
				measured.add(timing.size);
				steps++;
				push(entry);
				step();
			};
			step(`${variantLabel(v)}: n = ${v.sizes.join(', ')}`);
			try {
				if (v.runner.kind === 'own') {
					const done = await bench.matmulTiming(
						{ backend: v.runner.backend, sizes: v.sizes, budgetMs: settings.budgetMs },
						{ start: (info) => (variant = { ...v, threads: info.threads }), row: onRow }
					);
					if (done.unavailable) notRunEntries(v, 'unavailable', done.unavailable).forEach(push);
				} else {
					const client = started(new InferenceClient());
					try {
						const loaded = await client.load(v.runner.ep, v.runner.numThreads);
						if (loaded.unavailable) notRunEntries(v, 'unavailable', loaded.unavailable).forEach(push);
						else {
							ortVersion = loaded.version ?? ortVersion;
							await client.matmulTiming(v.sizes, settings.budgetMs, onRow);
						}
					} finally {
						client.terminate();
						workers.delete(client);
					}
				}
			} catch (err) {
				if (opts.signal.aborted) throw new DOMException('Cancelled', 'AbortError');
				const missing = v.sizes.filter((n) => !measured.has(n));
				notRunEntries(variant, 'error', messageOf(err), missing).forEach(push);
				if (v.runner.kind === 'own') {
					// The bench worker may have died with it: the next implementations get a fresh one.
					bench.terminate();
					workers.delete(bench);
					bench = started(new BenchClient());
				}
			}
			stepsBeforeVariant += v.sizes.length;
			steps = stepsBeforeVariant;
		}
	} catch (err) {
		if (opts.signal.aborted) throw new DOMException('Cancelled', 'AbortError');
		throw err;
	} finally {
		opts.signal.removeEventListener('abort', stopAll);
		stopAll();
	}
	return perfReportSchema.parse({
		schema: 'tito-web/perf@1',
		started_at: startedAt,
		finished_at: new Date().toISOString(),
		onnxruntime_version: ortVersion,
		settings: { cpu_sizes: settings.cpuSizes, gpu_sizes: settings.gpuSizes, budget_ms: settings.budgetMs },
		compute,
		entries,
		ratios: perfRatios(entries)
	});
}
