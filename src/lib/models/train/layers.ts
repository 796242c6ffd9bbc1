import { valueOf, type Tape, type Value } from './tape';

/** out[B,N] = x[B,K]·w[K,N] + b[N] */
export function dense(tape: Tape, x: Value, w: Value, b: Value): Value {
	const [batch, k] = x.shape;
	const n = w.shape[1];
	const out = valueOf([batch, n]);
	for (let r = 0; r < batch; r++) {
		const o = out.data.subarray(r * n, (r + 1) * n);
		o.set(b.data);
		for (let i = 0; i < k; i++) {
			const xv = x.data[r * k + i];
			if (xv === 0) continue;
			const wr = w.data.subarray(i * n, (i + 1) * n);
			for (let j = 0; j < n; j++) o[j] += xv * wr[j];
		}
	}
	tape.record(() => {
		const g = out.grad!;
		for (let r = 0; r < batch; r++) {
			const gr = g.subarray(r * n, (r + 1) * n);
			for (let j = 0; j < n; j++) b.grad![j] += gr[j];
			for (let i = 0; i < k; i++) {
				const xv = x.data[r * k + i];
				const wr = w.data.subarray(i * n, (i + 1) * n);
				const wg = w.grad!.subarray(i * n, (i + 1) * n);
				let dx = 0;
				for (let j = 0; j < n; j++) {
					wg[j] += xv * gr[j];
					dx += wr[j] * gr[j];
				}
				if (x.grad) x.grad[r * k + i] += dx;
			}
		}
	});
	return out;
}

export function relu(tape: Tape, x: Value): Value {
	const out = valueOf(x.shape, x.data.map((v) => (v > 0 ? v : 0)));
	tape.record(() => {
		for (let i = 0; i < x.data.length; i++) if (x.data[i] > 0) x.grad![i] += out.grad![i];
	});
	return out;
}

/**
 * Stride-1 convolution, NCHW, zero padding `pad`, bias per output channel. The loops visit
 * every valid tap with the innermost one along an image row (the hot loop of training).
 */
export function conv2d(tape: Tape, x: Value, w: Value, b: Value, pad: number): Value {
	const [batch, c, h, wd] = x.shape;
	const [oc, , kh, kw] = w.shape;
	const oh = h + 2 * pad - kh + 1;
	const ow = wd + 2 * pad - kw + 1;
	const out = valueOf([batch, oc, oh, ow]);
	const plane = oh * ow;
	const od = out.data;
	const xd = x.data;
	const wv = w.data;
	for (let n = 0; n < batch; n++)
		for (let o = 0; o < oc; o++) {
			const ob = (n * oc + o) * plane;
			od.fill(b.data[o], ob, ob + plane);
			for (let ci = 0; ci < c; ci++)
				for (let ky = 0; ky < kh; ky++)
					for (let kx = 0; kx < kw; kx++) {
						const wt = wv[((o * c + ci) * kh + ky) * kw + kx];
						const x0 = Math.max(0, pad - kx);
						const x1 = Math.min(ow, wd + pad - kx);
						const y1 = Math.min(oh, h + pad - ky);
						for (let y = Math.max(0, pad - ky); y < y1; y++) {
							const orow = ob + y * ow;
							const irow = ((n * c + ci) * h + y + ky - pad) * wd + kx - pad;
							for (let xo = x0; xo < x1; xo++) od[orow + xo] += wt * xd[irow + xo];
						}
					}
		}
	tape.record(() => {
		const g = out.grad!;
		const wg = w.grad!;
		const xg = x.grad;
		for (let n = 0; n < batch; n++)
			for (let o = 0; o < oc; o++) {
				const ob = (n * oc + o) * plane;
				for (let i = 0; i < plane; i++) b.grad![o] += g[ob + i];
				for (let ci = 0; ci < c; ci++)
					for (let ky = 0; ky < kh; ky++)
						for (let kx = 0; kx < kw; kx++) {
							const wi = ((o * c + ci) * kh + ky) * kw + kx;
							const wt = wv[wi];
							const x0 = Math.max(0, pad - kx);
							const x1 = Math.min(ow, wd + pad - kx);
							const y1 = Math.min(oh, h + pad - ky);
							let dw = 0;
							for (let y = Math.max(0, pad - ky); y < y1; y++) {
								const orow = ob + y * ow;
								const irow = ((n * c + ci) * h + y + ky - pad) * wd + kx - pad;
								for (let xo = x0; xo < x1; xo++) dw += g[orow + xo] * xd[irow + xo];
								if (xg) for (let xo = x0; xo < x1; xo++) xg[irow + xo] += g[orow + xo] * wt;
							}
							wg[wi] += dw;
						}
			}
	});
	return out;
}

/** 2×2 max pooling with stride 2 (odd edges dropped). */
export function maxpool2(tape: Tape, x: Value): Value {
	const [batch, c, h, w] = x.shape;
	const oh = h >> 1;
	const ow = w >> 1;
	const out = valueOf([batch, c, oh, ow]);
	const from = new Int32Array(out.data.length);
	for (let p = 0; p < batch * c; p++)
		for (let y = 0; y < oh; y++)
			for (let xo = 0; xo < ow; xo++) {
				let best = -Infinity;
				let at = 0;
				for (let ky = 0; ky < 2; ky++)
					for (let kx = 0; kx < 2; kx++) {
						const i = (p * h + 2 * y + ky) * w + 2 * xo + kx;
						if (x.data[i] > best) (best = x.data[i]), (at = i);
					}
				const o = (p * oh + y) * ow + xo;
				out.data[o] = best;
				from[o] = at;
			}
	tape.record(() => {
		for (let o = 0; o < from.length; o++) x.grad![from[o]] += out.grad![o];
	});
	return out;
}

/** The same numbers seen as [B, rest]: data and gradient are shared, nothing is copied. */
export const flatten = (x: Value): Value => ({ shape: [x.shape[0], x.data.length / x.shape[0]], data: x.data, grad: x.grad });

/** Mean cross-entropy of softmax(logits) against the labels; puts d(loss)/d(logits) in logits.grad. */
export function softmaxCrossEntropy(logits: Value, labels: ArrayLike<number>): number {
	const [batch, k] = logits.shape;
	let loss = 0;
	for (let r = 0; r < batch; r++) {
		const row = logits.data.subarray(r * k, (r + 1) * k);
		const max = Math.max(...row);
		let total = 0;
		for (let j = 0; j < k; j++) total += Math.exp(row[j] - max);
		loss += Math.log(total) + max - row[labels[r]];
		for (let j = 0; j < k; j++) logits.grad![r * k + j] = (Math.exp(row[j] - max) / total - (j === labels[r] ? 1 : 0)) / batch;
	}
	return loss / batch;
}
