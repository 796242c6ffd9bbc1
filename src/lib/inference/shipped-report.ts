import { loadShipped } from '$lib/models/shipped';
import type { ModelReport } from '$lib/schemas/capstone';
import type { ShippedModel } from '$lib/schemas/models';
import { runOnEngines, type EnginePlan } from './engines';
import { benchSpec, MODEL_TIMING, samplesFromDataset } from './model-input';

/**
 * One shipped model, measured on the given engines over (the start of) its eval set: what
 * both the baseline's "one tiny ONNX model" and the capstone's models report.
 */
export async function shippedModelReport(
	entry: ShippedModel,
	engines: EnginePlan[],
	opts: { evalImages: number | null; timing: keyof typeof MODEL_TIMING; signal: AbortSignal; onEngine?: (plan: EnginePlan, index: number) => void }
): Promise<ModelReport> {
	const { bytes, evalSet } = await loadShipped(entry.id);
	const samples = samplesFromDataset(evalSet, entry.eval_set, opts.evalImages);
	const spec = benchSpec(entry.input.shape.slice(1) as number[], true, samples, MODEL_TIMING[opts.timing]);
	const runs = await runOnEngines({ bytes, spec, labels: samples.labels }, engines, { signal: opts.signal, onEngine: opts.onEngine });
	return {
		model: entry.id,
		title: entry.title,
		sha256: entry.sha256,
		size_bytes: bytes.length,
		parameter_count: entry.parameter_count,
		// The training script's number is for the whole eval set: comparable only when all of it ran.
		expected_accuracy: samples.count === evalSet.labels.length ? entry.accuracy : null,
		samples: samples.count,
		labelled: true,
		runs
	};
}
