import { convOutSize } from '../conv2d/ref';
import type { OpParams, RefTensor, Tensor } from '../types';

/** Max pooling, NCHW, no padding (windows that would cross the edge are dropped, as PyTorch's floor mode). */
export function maxpool2dRef([x]: Tensor[], { kernel, stride }: OpParams['maxpool2d']): RefTensor {
	const [n, c, h, w] = x.shape;
	const oh = convOutSize(h, kernel, stride, 0);
	const ow = convOutSize(w, kernel, stride, 0);
	const out = new Float64Array(n * c * oh * ow);
	for (let p = 0; p < n * c; p++)
		for (let y = 0; y < oh; y++)
			for (let xo = 0; xo < ow; xo++) {
				let m = -Infinity;
				for (let ky = 0; ky < kernel; ky++)
					for (let kx = 0; kx < kernel; kx++) m = Math.max(m, x.data[(p * h + y * stride + ky) * w + xo * stride + kx]);
				out[(p * oh + y) * ow + xo] = m;
			}
	return { shape: [n, c, oh, ow], data: out };
}
