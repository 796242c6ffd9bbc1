import { sizeOf } from '../random';
import elementwiseWgsl from './elementwise.wgsl?raw';
import { elementGrid, THREADS } from './grid';
import { shader } from './pipelines';
import type { GpuPlan, GpuTensor } from './plan';
import gridWgsl from './grid.wgsl?raw';

const elementwiseShader = shader('elementwise', gridWgsl, elementwiseWgsl);

export type ElementwiseOp = 'add' | 'mul' | 'relu' | 'gelu';

/** add, mul (two inputs of one shape) and relu, gelu (one input): one invocation per element. */
export async function elementwiseWebgpu(plan: GpuPlan, op: ElementwiseOp, [a, b]: GpuTensor[]): Promise<GpuTensor> {
	const n = sizeOf(a.shape);
	if (b && sizeOf(b.shape) !== n) throw new Error(`${op}: the inputs have different shapes (${a.shape} and ${b.shape}).`);
	const pipeline = await plan.gpu.pipelines.get(elementwiseShader, op, { WORKGROUP: THREADS });
	const out = plan.tensor([...a.shape], `${op} output`);
	plan.dispatch(pipeline, [a.buffer, b?.buffer ?? null, out.buffer, plan.uniform([n])], elementGrid(n, THREADS));
	return out;
}
