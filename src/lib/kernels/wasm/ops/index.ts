import type { OpName } from '../../types';
import { attentionWasm } from './attention';
import { conv2dWasm, maxpool2dWasm } from './conv';
import { addWasm, geluWasm, mulWasm, reluWasm } from './elementwise';
import { matmulBTWasm, matmulWasm } from './matmul';
import { cnnWasm, mlpWasm } from './nets';
import type { Planner } from './plan';
import { layernormWasm, softmaxWasm, sumWasm } from './reduce';

/** Every op's WebAssembly planner, as registry.ts names the references. */
export const wasmPlanners: { [O in OpName]: Planner<O> } = {
	add: addWasm,
	mul: mulWasm,
	relu: reluWasm,
	gelu: geluWasm,
	sum: sumWasm,
	softmax: softmaxWasm,
	layernorm: layernormWasm,
	matmul: matmulWasm,
	matmulBT: matmulBTWasm,
	conv2d: conv2dWasm,
	maxpool2d: maxpool2dWasm,
	attention: attentionWasm,
	mlp: mlpWasm,
	cnn: cnnWasm
};
