import type { RefTensor, Tensor } from '../types';

/** Softmax over the last axis, subtracting the row max first (numerically stable). */
export function softmaxRows(x: ArrayLike<number>, rows: number, d: number): Float64Array {
	const out = new Float64Array(rows * d);
	for (let r = 0; r < rows; r++) {
		let max = -Infinity;
		for (let j = 0; j < d; j++) max = Math.max(max, x[r * d + j]);
		let total = 0;
		for (let j = 0; j < d; j++) total += out[r * d + j] = Math.exp(x[r * d + j] - max);
		for (let j = 0; j < d; j++) out[r * d + j] /= total;
	}
	return out;
}

export function softmaxRef([x]: Tensor[]): RefTensor {
	const d = x.shape[x.shape.length - 1];
	return { shape: [...x.shape], data: softmaxRows(x.data, x.data.length / d, d) };
}
