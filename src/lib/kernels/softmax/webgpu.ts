import { sizeOf } from '../random';
import { dispatchGrid, rowLanes } from '../webgpu/grid';
import { shader } from '../webgpu/pipelines';
import type { GpuPlan, GpuTensor } from '../webgpu/plan';
import reduceWgsl from '../webgpu/reduce.wgsl?raw';
import softmaxWgsl from './softmax.wgsl?raw';

const softmaxShader = shader('softmax', reduceWgsl, softmaxWgsl);

/**
 * Softmax over the last axis, one workgroup per row. `causalSeq` (attention) masks the
 * future: the rows form S×S score matrices and row i keeps columns 0..i.
 */
export async function softmaxWebgpu(plan: GpuPlan, [x]: GpuTensor[], causalSeq = 0): Promise<GpuTensor> {
	const d = x.shape[x.shape.length - 1];
	const rows = sizeOf(x.shape) / d;
	const pipeline = await plan.gpu.pipelines.get(softmaxShader, 'main', { REDUCE_LANES: rowLanes(d) });
	const out = plan.tensor([...x.shape], 'softmax output');
	plan.dispatch(pipeline, [x.buffer, out.buffer, plan.uniform([rows, d, causalSeq])], dispatchGrid(rows));
	return out;
}
