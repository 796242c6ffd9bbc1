import type { OpParams, RefTensor, Tensor } from '../types';

export const convOutSize = (size: number, kernel: number, stride: number, padding: number) =>
	Math.floor((size + 2 * padding - kernel) / stride) + 1;

/** Direct 2-D convolution, NCHW, zero padding, in float64. */
export function conv2dRef([x, w, bias]: Tensor[], { stride, padding }: OpParams['conv2d']): RefTensor {
	const [n, c, h, wd] = x.shape;
	const [oc, wc, kh, kw] = w.shape;
	if (wc !== c) throw new Error(`conv2d: input has ${c} channels, weights expect ${wc}`);
	const oh = convOutSize(h, kh, stride, padding);
	const ow = convOutSize(wd, kw, stride, padding);
	const out = new Float64Array(n * oc * oh * ow);
	for (let b = 0; b < n; b++)
		for (let o = 0; o < oc; o++)
			for (let y = 0; y < oh; y++)
				for (let xo = 0; xo < ow; xo++) {
					let s = bias.data[o];
					for (let ci = 0; ci < c; ci++)
						for (let ky = 0; ky < kh; ky++) {
							const iy = y * stride - padding + ky;
							if (iy < 0 || iy >= h) continue;
							for (let kx = 0; kx < kw; kx++) {
								const ix = xo * stride - padding + kx;
								if (ix < 0 || ix >= wd) continue;
								s += x.data[((b * c + ci) * h + iy) * wd + ix] * w.data[((o * c + ci) * kh + ky) * kw + kx];
							}
						}
					out[((b * oc + o) * oh + y) * ow + xo] = s;
				}
	return { shape: [n, oc, oh, ow], data: out };
}
