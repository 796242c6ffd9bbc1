import type { RefTensor, Tensor } from './types';

/** Shared by the elementwise references: apply `f` to each element (pair) in float64. */
export function mapRef(inputs: Tensor[], f: (a: number, b: number) => number): RefTensor {
	const [a, b] = inputs;
	if (b && b.data.length !== a.data.length) throw new Error('elementwise: shapes differ');
	const out = new Float64Array(a.data.length);
	for (let i = 0; i < out.length; i++) out[i] = f(a.data[i], b ? b.data[i] : 0);
	return { shape: [...a.shape], data: out };
}
