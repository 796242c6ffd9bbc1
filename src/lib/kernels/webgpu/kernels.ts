import { attentionWebgpu } from '../attention/webgpu';
import { cnnWebgpu } from '../cnn/webgpu';
import { conv2dWebgpu } from '../conv2d/webgpu';
import { layernormWebgpu } from '../layernorm/webgpu';
import { matmulWebgpu } from '../matmul/webgpu';
import { maxpool2dWebgpu } from '../maxpool2d/webgpu';
import { mlpWebgpu } from '../mlp/webgpu';
import { softmaxWebgpu } from '../softmax/webgpu';
import { sumWebgpu } from '../sum/webgpu';
import type { OpName, OpParams } from '../types';
import { elementwiseWebgpu } from './elementwise';
import type { GpuPlan, GpuTensor } from './plan';

/** Appends an op's dispatches to a plan and returns its output tensor. */
export type WebgpuKernel<O extends OpName> = (plan: GpuPlan, inputs: GpuTensor[], params: OpParams[O]) => Promise<GpuTensor>;

/** Every op's WebGPU kernel, named once. */
export const webgpuKernels: { [O in OpName]: WebgpuKernel<O> } = {
	add: (plan, inputs) => elementwiseWebgpu(plan, 'add', inputs),
	mul: (plan, inputs) => elementwiseWebgpu(plan, 'mul', inputs),
	relu: (plan, inputs) => elementwiseWebgpu(plan, 'relu', inputs),
	gelu: (plan, inputs) => elementwiseWebgpu(plan, 'gelu', inputs),
	sum: sumWebgpu,
	softmax: (plan, inputs) => softmaxWebgpu(plan, inputs),
	layernorm: layernormWebgpu,
	matmul: (plan, inputs) => matmulWebgpu(plan, inputs, false),
	matmulBT: (plan, inputs) => matmulWebgpu(plan, inputs, true),
	conv2d: (plan, inputs, params) => conv2dWebgpu(plan, inputs, params),
	maxpool2d: maxpool2dWebgpu,
	attention: attentionWebgpu,
	mlp: mlpWebgpu,
	cnn: cnnWebgpu
};
