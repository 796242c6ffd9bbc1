import { sizeOf } from '../random';
import { rowLanes } from '../webgpu/grid';
import { shader } from '../webgpu/pipelines';
import type { GpuPlan, GpuTensor } from '../webgpu/plan';
import reduceWgsl from '../webgpu/reduce.wgsl?raw';
import sumWgsl from './sum.wgsl?raw';

const sumShader = shader('sum', reduceWgsl, sumWgsl);

/**
 * Elements one workgroup sums in a pass. Few, full workgroups: on SwiftShader each workgroup's
 * barriers cost about half a millisecond, so 1e6 elements took 143 ms at 2 K per workgroup
 * and 16–28 ms at 32 K; a GPU still gets one workgroup per 32 K elements to spread.
 */
const PER_GROUP = 32768;
/** A pass never uses more workgroups than this, so the next pass has little left to do. */
const MAX_GROUPS = 256;

export interface SumPass {
	length: number;
	groups: number;
	/** Lanes per workgroup: fewer for the short last pass. */
	lanes: number;
}

/** The passes of a sum over `n` elements; the last has one workgroup and leaves the total. */
export function sumPasses(n: number): SumPass[] {
	const passes: SumPass[] = [];
	let length = n;
	do {
		const groups = Math.max(1, Math.min(MAX_GROUPS, Math.ceil(length / PER_GROUP)));
		passes.push({ length, groups, lanes: rowLanes(Math.ceil(length / groups)) });
		length = groups;
	} while (length > 1);
	return passes;
}

/** Sum of every element -> [1], as NumPy's `np.sum(a)`: a workgroup tree per pass, a second pass over the partial sums. */
export async function sumWebgpu(plan: GpuPlan, [x]: GpuTensor[]): Promise<GpuTensor> {
	let input = x;
	for (const pass of sumPasses(sizeOf(x.shape))) {
		const pipeline = await plan.gpu.pipelines.get(sumShader, 'main', { REDUCE_LANES: pass.lanes });
		const partial = plan.tensor([pass.groups], pass.groups === 1 ? 'sum output' : 'sum partials');
		plan.dispatch(pipeline, [input.buffer, partial.buffer, plan.uniform([pass.length])], [pass.groups, 1, 1]);
		input = partial;
	}
	return input;
}
