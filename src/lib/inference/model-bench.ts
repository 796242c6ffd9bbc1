import { innerCount, measure } from '$lib/bench/timing';
import type { Measurement } from '$lib/schemas/result';

/**
 * How one model is measured, the same way on onnxruntime-web (inference worker) and on
 * our own kernels (bench worker): session creation (cold), the outputs for every sample
 * (for accuracy and agreement), batch-1 latency over many runs, batch-32 throughput.
 */
export interface ModelRunner {
	/** Runs `count` samples at once; returns their outputs, concatenated. */
	run(input: Float32Array, count: number): Promise<Float32Array>;
	/** The largest `count` run() takes (own kernels are prepared for fixed batch sizes; ORT takes any). */
	readonly maxBatch: number;
	dispose(): void;
}

export interface ModelBenchSpec {
	/** One sample's shape, without the batch axis. */
	sampleShape: number[];
	/** Whether the model's first axis is a free batch axis; if not, one sample per run. */
	batched: boolean;
	/** The samples, concatenated: eval data, or seeded random inputs. */
	inputs: Float32Array;
	count: number;
	/** Batch for the outputs and the throughput run (32). */
	batch: number;
	/** Warm latency runs at batch 1, at least (30). */
	runs: number;
	/** Time for the warm samples of each measurement. */
	budgetMs: number;
}

export interface ModelTiming {
	/** Session creation / graph preparation, before the first run. */
	setup_ms: number;
	/** The first run (pipelines, first allocations), apart from the warm ones. */
	first_run_ms: number;
	latency: Measurement;
	/** Batch of `batch` samples per run; null when the model takes one sample at a time. */
	batch_latency: Measurement | null;
	batch: number;
	throughput_1: number;
	throughput_batch: number | null;
	/** Output values per sample. */
	output_size: number;
	outputs: Float32Array;
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
	const t0 = performance.now();
	const v = await fn();
	return [v, performance.now() - t0];
}

/** Runs every sample through, `batch` at a time, and concatenates the outputs. */
async function allOutputs(runner: ModelRunner, spec: ModelBenchSpec, size: number, batch: number): Promise<Float32Array[]> {
	const parts: Float32Array[] = [];
	for (let at = 0; at < spec.count; at += batch) {
		const n = Math.min(batch, spec.count - at);
		parts.push(await runner.run(spec.inputs.slice(at * size, (at + n) * size), n));
	}
	return parts;
}

/** A batch of `n` samples taken from the inputs in turn (repeated when there are fewer). */
function batchOf(spec: ModelBenchSpec, size: number, n: number): Float32Array {
	const out = new Float32Array(n * size);
	for (let i = 0; i < n; i++) out.set(spec.inputs.subarray(((i % spec.count) * size), ((i % spec.count) + 1) * size), i * size);
	return out;
}

export async function benchModel(open: () => Promise<ModelRunner>, spec: ModelBenchSpec, signal?: AbortSignal): Promise<ModelTiming> {
	const size = spec.sampleShape.reduce((a, b) => a * b, 1);
	if (spec.inputs.length !== spec.count * size) throw new Error(`The data has ${spec.inputs.length} values, not ${spec.count} samples of [${spec.sampleShape}].`);
	const [runner, setup] = await timed(open);
	try {
		const batch = spec.batched ? Math.min(spec.batch, runner.maxBatch) : 1;
		const one = batchOf(spec, size, 1);
		const [, firstRun] = await timed(() => runner.run(one, 1));
		const parts = await allOutputs(runner, spec, size, batch);
		const outputs = new Float32Array(parts.reduce((s, p) => s + p.length, 0));
		parts.reduce((at, p) => (outputs.set(p, at), at + p.length), 0);
		const step = (input: Float32Array, n: number) => async () => {
			await runner.run(input, n);
			return null;
		};
		const latency = await measure(step(one, 1), 1, { budgetMs: spec.budgetMs, minSamples: spec.runs, maxSamples: Math.max(spec.runs, 500), signal });
		let batchLatency: Measurement | null = null;
		if (batch > 1) {
			const many = batchOf(spec, size, batch);
			const [, probe] = await timed(step(many, batch));
			batchLatency = await measure(step(many, batch), innerCount(probe, 1, 20), { budgetMs: spec.budgetMs, minSamples: 5, signal });
		}
		return {
			setup_ms: setup,
			first_run_ms: firstRun,
			latency,
			batch_latency: batchLatency,
			batch,
			throughput_1: 1000 / latency.median_ms,
			throughput_batch: batchLatency ? (1000 * batch) / batchLatency.median_ms : null,
			output_size: outputs.length / spec.count,
			outputs
		};
	} finally {
		runner.dispose();
	}
}
