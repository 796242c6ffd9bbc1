import { sizeOf } from '../../random';
import type { Planner } from './plan';
import { floatBytes, sameLength } from './plan';

const binary =
	(op: 'add' | 'mul'): Planner<'add' | 'mul'> =>
	(ctx, scope, [a, b]) => {
		sameLength(op, a, b);
		const n = sizeOf(a.shape);
		const output = scope.alloc(floatBytes(a.shape));
		return { output, outputShape: [...a.shape], run: () => ctx.exports[op](a.ptr, b.ptr, output, n) };
	};

const unary =
	(op: 'relu' | 'gelu'): Planner<'relu' | 'gelu'> =>
	(ctx, scope, [x]) => {
		const n = sizeOf(x.shape);
		const output = scope.alloc(floatBytes(x.shape));
		return { output, outputShape: [...x.shape], run: () => ctx.exports[op](x.ptr, output, n) };
	};

export const addWasm = binary('add');
export const mulWasm = binary('mul');
export const reluWasm = unary('relu');
export const geluWasm = unary('gelu');
