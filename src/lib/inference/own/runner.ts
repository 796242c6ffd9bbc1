import { sizeOf } from '$lib/kernels/random';
import type { KernelProvider } from '$lib/kernels/types';
import type { ModelRunner } from '../model-bench';
import type { OnnxModel } from '../onnx-read';
import { prepareGraph, type PreparedGraph } from './executor';
import { planGraph, type PlanResult } from './plan';

/** Why a plan failed, as one sentence. */
export function planFailure(result: Extract<PlanResult, { ok: false }>): string {
	if (result.unsupportedOps.length) return `The own kernels have no ${result.unsupportedOps.join(', ')}: this model runs on onnxruntime-web only.`;
	return `The own kernels cannot run this model: ${result.problems.join(' ')}`;
}

/**
 * A model on our own kernels as a ModelRunner. A graph is prepared per batch size (the
 * kernels are planned for fixed shapes): batch 1 at once, the large batch when first used;
 * a short last batch is padded with zeros and the padding's outputs dropped.
 */
export async function openOwnModel(provider: KernelProvider, model: OnnxModel, shape: { sampleShape: number[]; batched: boolean }, batch: number): Promise<ModelRunner> {
	const graphs = new Map<number, Promise<PreparedGraph>>();
	const graphFor = (n: number) => {
		let g = graphs.get(n);
		if (!g) {
			const planned = planGraph(model, shape.batched ? [n, ...shape.sampleShape] : shape.sampleShape);
			g = planned.ok ? prepareGraph(provider, planned.plan) : Promise.reject(new Error(planFailure(planned)));
			graphs.set(n, g);
		}
		return g;
	};
	await graphFor(1);
	const sample = sizeOf(shape.sampleShape);
	return {
		maxBatch: shape.batched ? batch : 1,
		async run(data, count) {
			const n = count <= 1 ? 1 : batch;
			const graph = await graphFor(n);
			let input = data;
			if (count !== n) {
				input = new Float32Array(n * sample);
				input.set(data);
			}
			const out = await graph.run(input);
			return count === n ? out : out.slice(0, (out.length / n) * count);
		},
		dispose: () => graphs.forEach((g) => g.then((x) => x.dispose(), () => {}))
	};
}
