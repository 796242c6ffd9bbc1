import type { RefTensor, Tensor } from '../types';

export function sumRef([x]: Tensor[]): RefTensor {
	let s = 0;
	for (let i = 0; i < x.data.length; i++) s += x.data[i];
	return { shape: [1], data: Float64Array.of(s) };
}
