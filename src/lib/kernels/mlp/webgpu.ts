import { gemmWebgpu } from '../matmul/webgpu';
import type { GpuPlan, GpuTensor } from '../webgpu/plan';

/** A dense layer x[B,I]·w[I,O] + b, ReLU fused when asked: one matmul dispatch. */
export function denseWebgpu(plan: GpuPlan, x: GpuTensor, w: GpuTensor, b: GpuTensor, relu: boolean, label: string) {
	const [batch, inF] = x.shape;
	const [wIn, outF] = w.shape;
	if (inF !== wIn) throw new Error(`${label}: the input has ${inF} features but the weights expect ${wIn}.`);
	return gemmWebgpu(plan, { a: x, b: w, m: batch, n: outF, k: inF, bias: { tensor: b, per: 'column' }, relu, outShape: [batch, outF], label });
}

/** TinyTorch's baseline MLP, relu(x·w1+b1)·w2+b2: two dispatches, the hidden layer stays on the GPU. */
export async function mlpWebgpu(plan: GpuPlan, [x, w1, b1, w2, b2]: GpuTensor[]): Promise<GpuTensor> {
	const hidden = await denseWebgpu(plan, x, w1, b1, true, 'mlp hidden layer');
	return denseWebgpu(plan, hidden, w2, b2, false, 'mlp output');
}
