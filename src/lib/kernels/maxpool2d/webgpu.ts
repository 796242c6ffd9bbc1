import { convOutSize } from '../conv2d/ref';
import type { OpParams } from '../types';
import { elementGrid, THREADS } from '../webgpu/grid';
import { shader } from '../webgpu/pipelines';
import type { GpuPlan, GpuTensor } from '../webgpu/plan';
import maxpool2dWgsl from './maxpool2d.wgsl?raw';
import gridWgsl from '../webgpu/grid.wgsl?raw';

const maxpoolShader = shader('maxpool2d', gridWgsl, maxpool2dWgsl);

/** Max pooling, NCHW, windows of kernel×kernel every `stride`, no padding. */
export async function maxpool2dWebgpu(plan: GpuPlan, [x]: GpuTensor[], { kernel, stride }: OpParams['maxpool2d']): Promise<GpuTensor> {
	const [n, c, h, w] = x.shape;
	const oh = convOutSize(h, kernel, stride, 0);
	const ow = convOutSize(w, kernel, stride, 0);
	if (oh < 1 || ow < 1) throw new Error(`maxpool2d: a ${kernel}×${kernel} window does not fit a ${h}×${w} input.`);
	const total = n * c * oh * ow;
	const pipeline = await plan.gpu.pipelines.get(maxpoolShader, 'main', { WORKGROUP: THREADS });
	const out = plan.tensor([n, c, oh, ow], 'maxpool2d output');
	plan.dispatch(pipeline, [x.buffer, out.buffer, plan.uniform([h, w, oh, ow, kernel, stride, total])], elementGrid(total, THREADS));
	return out;
}
