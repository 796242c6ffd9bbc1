import { softmaxRows } from '../softmax/ref';
import type { OpParams, RefTensor, Tensor } from '../types';

/** Scaled dot-product attention per batch·head slice, in float64. */
export function attentionRef([q, k, v]: Tensor[], { causal }: OpParams['attention']): RefTensor {
	const [bh, s, d] = q.shape;
	const scale = 1 / Math.sqrt(d);
	const out = new Float64Array(bh * s * d);
	const scores = new Float64Array(s * s);
	for (let h = 0; h < bh; h++) {
		const base = h * s * d;
		for (let i = 0; i < s; i++)
			for (let j = 0; j < s; j++) {
				let dot = 0;
				for (let p = 0; p < d; p++) dot += q.data[base + i * d + p] * k.data[base + j * d + p];
				scores[i * s + j] = causal && j > i ? -Infinity : dot * scale;
			}
		const probs = softmaxRows(scores, s, s);
		for (let i = 0; i < s; i++)
			for (let p = 0; p < d; p++) {
				let acc = 0;
				for (let j = 0; j < s; j++) acc += probs[i * s + j] * v.data[base + j * d + p];
				out[base + i * d + p] = acc;
			}
	}
	return { shape: [bh, s, d], data: out };
}
