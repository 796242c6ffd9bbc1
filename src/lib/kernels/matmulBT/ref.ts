import type { RefTensor, Tensor } from '../types';

/** C[M,N] = A[M,K]·B[N,K]ᵀ in float64 (the attention score layout). */
export function matmulBTRef([a, b]: Tensor[]): RefTensor {
	const [m, k] = a.shape;
	const n = b.shape[0];
	if (b.shape[1] !== k) throw new Error(`matmulBT: inner sizes differ (${k} vs ${b.shape[1]})`);
	const c = new Float64Array(m * n);
	for (let i = 0; i < m; i++)
		for (let j = 0; j < n; j++) {
			let s = 0;
			for (let p = 0; p < k; p++) s += a.data[i * k + p] * b.data[j * k + p];
			c[i * n + j] = s;
		}
	return { shape: [m, n], data: c };
}
