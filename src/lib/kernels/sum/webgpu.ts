import { sizeOf } from '../random';
import { THREADS } from '../webgpu/grid';
import { shader } from '../webgpu/pipelines';
import type { GpuPlan, GpuTensor } from '../webgpu/plan';
import reduceWgsl from '../webgpu/reduce.wgsl?raw';
import sumWgsl from './sum.wgsl?raw';

const sumShader = shader('sum', reduceWgsl, sumWgsl);

/** Each lane adds at least this many elements before the tree: fewer, fuller workgroups. */
const PER_LANE = 8;
/** A pass never uses more workgroups than this, so the next pass has little left to do. */
const MAX_GROUPS = 256;

/** The passes of a sum over `n` elements: each pass's input length and workgroups; the last has one. */
export function sumPasses(n: number): { length: number; groups: number }[] {
	const passes: { length: number; groups: number }[] = [];
	let length = n;
	do {
		const groups = Math.max(1, Math.min(MAX_GROUPS, Math.ceil(length / (THREADS * PER_LANE))));
		passes.push({ length, groups });
		length = groups;
	} while (length > 1);
	return passes;
}

/** Sum of every element -> [1], as NumPy's `np.sum(a)`: a workgroup tree per pass, two passes past 2048 elements. */
export async function sumWebgpu(plan: GpuPlan, [x]: GpuTensor[]): Promise<GpuTensor> {
	const pipeline = await plan.gpu.pipelines.get(sumShader, 'main', { REDUCE_LANES: THREADS });
	let input = x;
	for (const pass of sumPasses(sizeOf(x.shape))) {
		const partial = plan.tensor([pass.groups], pass.groups === 1 ? 'sum output' : 'sum partials');
		plan.dispatch(pipeline, [input.buffer, partial.buffer, plan.uniform([pass.length])], [pass.groups, 1, 1]);
		input = partial;
	}
	return input;
}
