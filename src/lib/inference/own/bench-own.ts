import type { KernelProvider } from '$lib/kernels/types';
import { benchModel, type ModelBenchSpec, type ModelTiming } from '../model-bench';
import { readOnnx } from '../onnx-read';
import { planGraph } from './plan';
import { openOwnModel, planFailure } from './runner';

/**
 * A model measured on our kernels. Planned first, so a graph they cannot run is reported
 * as a sentence, not thrown. (The bench worker loads this, and the ONNX decoder with it,
 * only when a model is measured: the baseline's worker starts without them.)
 */
export async function benchOwnModel(provider: KernelProvider, bytes: Uint8Array, spec: ModelBenchSpec): Promise<{ unavailable: string } | { timing: ModelTiming }> {
	const model = readOnnx(bytes);
	const planned = planGraph(model, spec.batched ? [1, ...spec.sampleShape] : spec.sampleShape);
	if (!planned.ok) return { unavailable: planFailure(planned) };
	return { timing: await benchModel(() => openOwnModel(provider, model, spec, spec.batch), spec) };
}
