import { sizeOf } from '../../random';
import type { Planner } from './plan';
import { floatBytes } from './plan';

export const sumWasm: Planner<'sum'> = (ctx, scope, [x]) => {
	const n = sizeOf(x.shape);
	const output = scope.alloc(4);
	return { output, outputShape: [1], run: () => ctx.exports.sum(x.ptr, output, n) };
};

const lastAxis = (shape: number[]) => shape[shape.length - 1];

export const softmaxWasm: Planner<'softmax'> = (ctx, scope, [x]) => {
	const d = lastAxis(x.shape);
	const rows = sizeOf(x.shape) / d;
	const output = scope.alloc(floatBytes(x.shape));
	return { output, outputShape: [...x.shape], run: () => ctx.exports.softmaxRows(x.ptr, output, rows, d) };
};

export const layernormWasm: Planner<'layernorm'> = (ctx, scope, [x, gamma, beta], { eps }) => {
	const d = lastAxis(x.shape);
	if (sizeOf(gamma.shape) !== d || sizeOf(beta.shape) !== d) throw new Error(`layernorm: gamma and beta need ${d} values, one per feature`);
	const rows = sizeOf(x.shape) / d;
	const output = scope.alloc(floatBytes(x.shape));
	return { output, outputShape: [...x.shape], run: () => ctx.exports.layernormRows(x.ptr, gamma.ptr, beta.ptr, output, rows, d, eps) };
};
