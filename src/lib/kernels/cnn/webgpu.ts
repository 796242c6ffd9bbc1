import { conv2dWebgpu } from '../conv2d/webgpu';
import { maxpool2dWebgpu } from '../maxpool2d/webgpu';
import { denseWebgpu } from '../mlp/webgpu';
import { sizeOf } from '../random';
import type { GpuPlan, GpuTensor } from '../webgpu/plan';

const pool2 = { kernel: 2, stride: 2 };
const same3x3 = { stride: 1, padding: 1 };

/**
 * The reference CNN, every intermediate in a GPU buffer: conv+ReLU (fused into the conv's
 * matmul), pool, conv+ReLU, pool, then the two dense layers on the pooled maps read as
 * [B, 4096] rows (NCHW flattening is the buffer as it is).
 */
export async function cnnWebgpu(plan: GpuPlan, [x, cw1, cb1, cw2, cb2, fw1, fb1, fw2, fb2]: GpuTensor[]): Promise<GpuTensor> {
	const c1 = await conv2dWebgpu(plan, [x, cw1, cb1], same3x3, true);
	const p1 = await maxpool2dWebgpu(plan, [c1], pool2);
	const c2 = await conv2dWebgpu(plan, [p1, cw2, cb2], same3x3, true);
	const p2 = await maxpool2dWebgpu(plan, [c2], pool2);
	const batch = x.shape[0];
	const flat = { shape: [batch, sizeOf(p2.shape) / batch], buffer: p2.buffer };
	const hidden = await denseWebgpu(plan, flat, fw1, fb1, true, 'cnn dense layer');
	return denseWebgpu(plan, hidden, fw2, fb2, false, 'cnn output');
}
