// Convolution as a matrix product: out[oc, pixel] = W[oc, (c,ky,kx)] · cols[(c,ky,kx), pixel].
// The im2col matrix is written straight into the packed-panel layout matmulPacked reads
// (8 output pixels per panel, zero outside the image and past the last pixel), so the
// product needs no second packing pass.

const NR = 8;

/**
 * Panels p0..p1 of the im2col matrix of one image x[C,H,W]: K = C·KH·KW rows,
 * N = OH·OW columns, zero padding `pad`, step `stride`.
 */
export function im2colPack(
	x: usize, bp: usize, c: i32, h: i32, w: i32, kh: i32, kw: i32, stride: i32, pad: i32, oh: i32, ow: i32, p0: i32, p1: i32
): void {
	const k = c * kh * kw;
	const pixels = oh * ow;
	for (let p = p0; p < p1; p++) {
		const panel = bp + (<usize>(p * k) << 5);
		for (let lane = 0; lane < NR; lane++) {
			const pixel = p * NR + lane;
			let d = panel + (<usize>lane << 2);
			if (pixel >= pixels) {
				for (let kk = 0; kk < k; kk++) {
					store<f32>(d, 0);
					d += 32;
				}
				continue;
			}
			const oy = pixel / ow;
			const iy0 = oy * stride - pad;
			const ix0 = (pixel - oy * ow) * stride - pad;
			for (let ci = 0; ci < c; ci++) {
				const plane = x + (<usize>(ci * h * w) << 2);
				for (let ky = 0; ky < kh; ky++) {
					const iy = iy0 + ky;
					const inRow = iy >= 0 && iy < h;
					const row = plane + (<usize>(iy * w) << 2);
					for (let kx = 0; kx < kw; kx++) {
						const ix = ix0 + kx;
						store<f32>(d, inRow && ix >= 0 && ix < w ? load<f32>(row + (<usize>ix << 2)) : 0);
						d += 32;
					}
				}
			}
		}
	}
}

/** Max pooling of `planes` planes [H,W] with a k×k window and a step; windows past the edge are dropped. */
export function maxpool2d(x: usize, y: usize, planes: i32, h: i32, w: i32, k: i32, stride: i32, oh: i32, ow: i32): void {
	for (let p = 0; p < planes; p++) {
		const src = x + (<usize>(p * h * w) << 2);
		const dst = y + (<usize>(p * oh * ow) << 2);
		for (let oy = 0; oy < oh; oy++) {
			for (let ox = 0; ox < ow; ox++) {
				let m: f32 = -Infinity;
				for (let ky = 0; ky < k; ky++) {
					const row = src + (<usize>((oy * stride + ky) * w + ox * stride) << 2);
					for (let kx = 0; kx < k; kx++) m = max<f32>(m, load<f32>(row + (<usize>kx << 2)));
				}
				store<f32>(dst + (<usize>(oy * ow + ox) << 2), m);
			}
		}
	}
}
