import { gemmWebgpu } from '../matmul/webgpu';
import { softmaxWebgpu } from '../softmax/webgpu';
import type { OpParams } from '../types';
import type { GpuPlan, GpuTensor } from '../webgpu/plan';

/**
 * Scaled dot-product attention per batch·head slice, composed of the matmul and softmax
 * kernels: scores = Q·Kᵀ/√D (a batched A·Bᵀ), a row softmax (masking the future when
 * causal), then scores·V. The S×S scores stay in a GPU buffer.
 */
export async function attentionWebgpu(plan: GpuPlan, [q, k, v]: GpuTensor[], { causal }: OpParams['attention']): Promise<GpuTensor> {
	const [bh, s, d] = q.shape;
	for (const t of [k, v]) {
		if (t.shape.join() !== q.shape.join()) throw new Error(`attention: q, k and v must have one shape; got ${q.shape} and ${t.shape}.`);
	}
	const scores = await gemmWebgpu(plan, {
		a: q, b: k, m: s, n: s, k: d, transB: true, batch: bh,
		strides: [s * d, s * d, s * s],
		alpha: 1 / Math.sqrt(d),
		outShape: [bh, s, s],
		label: 'attention scores'
	});
	const probs = await softmaxWebgpu(plan, [scores], causal ? s : 0);
	return gemmWebgpu(plan, {
		a: probs, b: v, m: s, n: d, k: s, batch: bh,
		strides: [s * s, s * d, s * d],
		outShape: [bh, s, d],
		label: 'attention output'
	});
}
