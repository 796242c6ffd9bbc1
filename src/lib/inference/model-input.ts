import { randn } from '$lib/kernels/random';
import { countOf, floatSamples, type Dataset } from '$lib/models/dataset';
import type { EvalData } from './eval-data';
import type { ModelBenchSpec } from './model-bench';

/** How long each model measurement takes: the page's default, and the capstone's test size. */
export const MODEL_TIMING = {
	standard: { runs: 30, budgetMs: 600, batch: 32 },
	test: { runs: 30, budgetMs: 60, batch: 32 }
} as const;

/** Without eval data a model still runs: on this many seeded random samples (no accuracy then). */
export const PROBE_SAMPLES = 8;

export interface ModelSamples {
	inputs: Float32Array;
	count: number;
	labels: ArrayLike<number> | null;
	/** Where the samples came from, for the report. */
	source: string;
}

/** The first `limit` samples of a data set (all of them by default). */
export function samplesFromDataset(d: Dataset, name: string, limit: number | null = null): ModelSamples {
	const count = Math.min(countOf(d), limit ?? Infinity);
	return { inputs: floatSamples(d, 0, count), count, labels: d.labels.subarray(0, count), source: count < countOf(d) ? `the first ${count} images of ${name}` : name };
}

export const samplesFromEval = (d: EvalData): ModelSamples => ({ inputs: d.inputs, count: d.count, labels: d.labels, source: d.source });

export function probeSamples(sampleShape: number[]): ModelSamples {
	const size = sampleShape.reduce((a, b) => a * b, 1);
	return { inputs: randn(PROBE_SAMPLES * size, 20_260_701), count: PROBE_SAMPLES, labels: null, source: `${PROBE_SAMPLES} seeded random samples` };
}

export function benchSpec(sampleShape: number[], batched: boolean, samples: ModelSamples, timing: (typeof MODEL_TIMING)[keyof typeof MODEL_TIMING]): ModelBenchSpec {
	return { sampleShape, batched, inputs: samples.inputs, count: samples.count, ...timing };
}
