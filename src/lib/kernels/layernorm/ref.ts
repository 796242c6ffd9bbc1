import type { OpParams, RefTensor, Tensor } from '../types';

/** Layer normalisation over the last axis: (x - mean) / sqrt(var + eps) * gamma + beta (biased variance). */
export function layernormRef([x, gamma, beta]: Tensor[], { eps }: OpParams['layernorm']): RefTensor {
	const d = x.shape[x.shape.length - 1];
	const rows = x.data.length / d;
	const out = new Float64Array(x.data.length);
	for (let r = 0; r < rows; r++) {
		let mean = 0;
		for (let j = 0; j < d; j++) mean += x.data[r * d + j];
		mean /= d;
		let v = 0;
		for (let j = 0; j < d; j++) v += (x.data[r * d + j] - mean) ** 2;
		const inv = 1 / Math.sqrt(v / d + eps);
		for (let j = 0; j < d; j++) out[r * d + j] = (x.data[r * d + j] - mean) * inv * gamma.data[j] + beta.data[j];
	}
	return { shape: [...x.shape], data: out };
}
