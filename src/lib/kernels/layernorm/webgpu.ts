import { sizeOf } from '../random';
import type { OpParams } from '../types';
import { dispatchGrid, rowLanes } from '../webgpu/grid';
import { shader } from '../webgpu/pipelines';
import type { GpuPlan, GpuTensor } from '../webgpu/plan';
import reduceWgsl from '../webgpu/reduce.wgsl?raw';
import layernormWgsl from './layernorm.wgsl?raw';

const layernormShader = shader('layernorm', reduceWgsl, layernormWgsl);

/** Layer normalisation over the last axis, one workgroup per row. */
export async function layernormWebgpu(plan: GpuPlan, [x, gamma, beta]: GpuTensor[], { eps }: OpParams['layernorm']): Promise<GpuTensor> {
	const d = x.shape[x.shape.length - 1];
	if (sizeOf(gamma.shape) !== d || sizeOf(beta.shape) !== d) throw new Error(`layernorm: gamma and beta need ${d} values, one per feature.`);
	const rows = sizeOf(x.shape) / d;
	const pipeline = await plan.gpu.pipelines.get(layernormShader, 'main', { REDUCE_LANES: rowLanes(d) });
	const out = plan.tensor([...x.shape], 'layernorm output');
	plan.dispatch(pipeline, [x.buffer, gamma.buffer, beta.buffer, out.buffer, plan.uniform([rows, d], [eps])], dispatchGrid(rows));
	return out;
}
