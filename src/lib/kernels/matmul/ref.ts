import type { RefTensor, Tensor } from '../types';

/** C[M,N] = A[M,K]·B[K,N] in float64. */
export function matmulPlain(a: ArrayLike<number>, b: ArrayLike<number>, m: number, k: number, n: number): Float64Array {
	const c = new Float64Array(m * n);
	for (let i = 0; i < m; i++) {
		for (let p = 0; p < k; p++) {
			const aip = a[i * k + p];
			if (aip === 0) continue;
			for (let j = 0; j < n; j++) c[i * n + j] += aip * b[p * n + j];
		}
	}
	return c;
}

export function matmulRef([a, b]: Tensor[]): RefTensor {
	const [m, k] = a.shape;
	const n = b.shape[1];
	if (b.shape[0] !== k) throw new Error(`matmul: inner sizes differ (${k} vs ${b.shape[0]})`);
	return { shape: [m, n], data: matmulPlain(a.data, b.data, m, k, n) };
}
