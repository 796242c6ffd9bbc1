import { addRef } from './add/ref';
import { attentionRef } from './attention/ref';
import { cnnRef } from './cnn/ref';
import { conv2dRef } from './conv2d/ref';
import { geluRef } from './gelu/ref';
import { layernormRef } from './layernorm/ref';
import { matmulRef } from './matmul/ref';
import { matmulBTRef } from './matmulBT/ref';
import { maxpool2dRef } from './maxpool2d/ref';
import { mlpRef } from './mlp/ref';
import { mulRef } from './mul/ref';
import { reluRef } from './relu/ref';
import { softmaxRef } from './softmax/ref';
import { sumRef } from './sum/ref';
import type { OpName, OpParams, RefTensor, Tensor } from './types';

type RefFn<O extends OpName> = (inputs: Tensor[], params: OpParams[O]) => RefTensor;

/** Every op's float64 reference: the truth each backend is checked against. */
export const references: { [O in OpName]: RefFn<O> } = {
	add: addRef,
	mul: mulRef,
	relu: reluRef,
	gelu: geluRef,
	sum: sumRef,
	softmax: softmaxRef,
	layernorm: layernormRef,
	matmul: matmulRef,
	matmulBT: matmulBTRef,
	conv2d: conv2dRef,
	maxpool2d: maxpool2dRef,
	attention: attentionRef,
	mlp: mlpRef,
	cnn: cnnRef
};

export function reference<O extends OpName>(op: O, inputs: Tensor[], params: OpParams[O]): RefTensor {
	return (references[op] as RefFn<O>)(inputs, params);
}
