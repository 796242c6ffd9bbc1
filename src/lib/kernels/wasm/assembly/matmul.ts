// Matrix multiply C[M,N] = A[M,K]·B, blocked as in GotoBLAS. B is packed into panels of
// 8 columns (panel p holds columns 8p..8p+7 for every k, 8 floats per k, zero-padded past
// N), a block of A (MC rows × KC) into groups of 4 rows (4 floats per k), so the
// micro-kernel reads both with unit stride and always computes a full 4×8 tile: 8 v128
// accumulators, A broadcast one float at a time. A panel slice (KC×8) stays in L1 while
// the packed A block streams past it from L2.
//
// Every pointer is a byte offset into linear memory; sizes are element counts. The
// `i0..i1` (rows) and `p0..p1` (panels) ranges let threads share one product.

/** Panel width (columns of C per micro-tile), rows per micro-tile, and the cache blocks. */
const NR = 8;
const MR = 4;
const KC = 256;
const MC = 128;

/** Bytes of scratch matmulPacked needs for its packed block of A (one per thread). */
export function packedABytes(): i32 {
	return MC * KC * 4;
}

/** Packs panels p0..p1 of B[K,N] (row-major) into bp. */
export function packB(b: usize, bp: usize, k: i32, n: i32, p0: i32, p1: i32): void {
	const rowBytes = <usize>n << 2;
	for (let p = p0; p < p1; p++) {
		const col = p * NR;
		const width = min<i32>(NR, n - col);
		let src = b + (<usize>col << 2);
		let dst = bp + (<usize>(p * k) << 5);
		if (width == NR) {
			for (let kk = 0; kk < k; kk++) {
				copy8(src, dst);
				src += rowBytes;
				dst += 32;
			}
		} else {
			for (let kk = 0; kk < k; kk++) {
				for (let c = 0; c < NR; c++) store<f32>(dst + (<usize>c << 2), c < width ? load<f32>(src + (<usize>c << 2)) : 0);
				src += rowBytes;
				dst += 32;
			}
		}
	}
}

/** Packs panels p0..p1 of Bᵀ, where B is [N,K] (row-major): the A·Bᵀ layout of attention scores. */
export function packBT(b: usize, bp: usize, k: i32, n: i32, p0: i32, p1: i32): void {
	const rowBytes = <usize>k << 2;
	for (let p = p0; p < p1; p++) {
		const col = p * NR;
		const width = min<i32>(NR, n - col);
		const dst = bp + (<usize>(p * k) << 5);
		for (let c = 0; c < NR; c++) {
			const src = b + <usize>(col + c) * rowBytes;
			let d = dst + (<usize>c << 2);
			for (let kk = 0; kk < k; kk++) {
				store<f32>(d, c < width ? load<f32>(src + (<usize>kk << 2)) : 0);
				d += 32;
			}
		}
	}
}

@inline function copy8(src: usize, dst: usize): void {
	if (ASC_FEATURE_SIMD) {
		v128.store(dst, v128.load(src));
		v128.store(dst, v128.load(src, 16), 16);
	} else {
		for (let c: usize = 0; c < 32; c += 8) store<u64>(dst + c, load<u64>(src + c));
	}
}

/** Packs `rows` (a multiple of 4) rows of A from row i0, columns k0..k0+kc, as ap[group][k][4]. */
function packA(a: usize, ap: usize, lda: usize, i0: i32, rows: i32, k0: i32, kc: i32): void {
	let d = ap;
	for (let r = 0; r < rows; r += MR) {
		let s0 = a + <usize>(i0 + r) * lda + (<usize>k0 << 2);
		let s1 = s0 + lda, s2 = s1 + lda, s3 = s2 + lda;
		for (let p = 0; p < kc; p++) {
			store<f32>(d, load<f32>(s0));
			store<f32>(d, load<f32>(s1), 4);
			store<f32>(d, load<f32>(s2), 8);
			store<f32>(d, load<f32>(s3), 12);
			s0 += 4;
			s1 += 4;
			s2 += 4;
			s3 += 4;
			d += 16;
		}
	}
}

/**
 * C rows i0..i1 (i0 a multiple of 4) × panels p0..p1 of A[M,K]·(packed B). `ap` is this
 * caller's scratch of packedABytes() bytes.
 */
export function matmulPacked(a: usize, bp: usize, c: usize, m: i32, n: i32, k: i32, i0: i32, i1: i32, p0: i32, p1: i32, ap: usize): void {
	const lda = <usize>k << 2;
	const ldc = <usize>n << 2;
	for (let k0 = 0; k0 < k; k0 += KC) {
		const kc = min<i32>(KC, k - k0);
		const accumulate = k0 > 0;
		for (let ic = i0; ic < i1; ic += MC) {
			const ie = min<i32>(ic + MC, i1);
			const tiled = (ie - ic) & ~(MR - 1);
			packA(a, ap, lda, ic, tiled, k0, kc);
			for (let p = p0; p < p1; p++) {
				const col = p * NR;
				const cols = min<i32>(NR, n - col);
				const panel = bp + (<usize>(p * k + k0) << 5);
				for (let r = 0; r < tiled; r += MR) {
					const apr = ap + (<usize>(r * kc) << 2);
					const ci = c + <usize>(ic + r) * ldc + (<usize>col << 2);
					if (ASC_FEATURE_SIMD) tile4x8(apr, panel, kc, ci, ldc, cols, accumulate);
					else tile4x8Scalar(apr, panel, kc, ci, ldc, cols, accumulate);
				}
				for (let i = ic + tiled; i < ie; i++) {
					const ai = a + <usize>i * lda + (<usize>k0 << 2);
					const ci = c + <usize>i * ldc + (<usize>col << 2);
					if (ASC_FEATURE_SIMD) tile1x8(ai, panel, kc, ci, cols, accumulate);
					else tile1x8Scalar(ai, panel, kc, ci, cols, accumulate);
				}
			}
		}
	}
}

// ---- SIMD micro-kernels -------------------------------------------------------------

@inline function tile4x8(ap: usize, bp: usize, kc: i32, c: usize, ldc: usize, cols: i32, accumulate: bool): void {
	let c00 = f32x4.splat(0), c01 = f32x4.splat(0);
	let c10 = f32x4.splat(0), c11 = f32x4.splat(0);
	let c20 = f32x4.splat(0), c21 = f32x4.splat(0);
	let c30 = f32x4.splat(0), c31 = f32x4.splat(0);
	for (let p = 0; p < kc; p++) {
		const b0 = v128.load(bp);
		const b1 = v128.load(bp, 16);
		let av = v128.load32_splat(ap);
		c00 = f32x4.add(c00, f32x4.mul(av, b0));
		c01 = f32x4.add(c01, f32x4.mul(av, b1));
		av = v128.load32_splat(ap, 4);
		c10 = f32x4.add(c10, f32x4.mul(av, b0));
		c11 = f32x4.add(c11, f32x4.mul(av, b1));
		av = v128.load32_splat(ap, 8);
		c20 = f32x4.add(c20, f32x4.mul(av, b0));
		c21 = f32x4.add(c21, f32x4.mul(av, b1));
		av = v128.load32_splat(ap, 12);
		c30 = f32x4.add(c30, f32x4.mul(av, b0));
		c31 = f32x4.add(c31, f32x4.mul(av, b1));
		ap += 16;
		bp += 32;
	}
	storeRow8(c, c00, c01, cols, accumulate);
	storeRow8(c + ldc, c10, c11, cols, accumulate);
	storeRow8(c + 2 * ldc, c20, c21, cols, accumulate);
	storeRow8(c + 3 * ldc, c30, c31, cols, accumulate);
}

@inline function tile1x8(a: usize, bp: usize, kc: i32, c: usize, cols: i32, accumulate: bool): void {
	let c0 = f32x4.splat(0), c1 = f32x4.splat(0);
	for (let p = 0; p < kc; p++) {
		const av = v128.load32_splat(a);
		c0 = f32x4.add(c0, f32x4.mul(av, v128.load(bp)));
		c1 = f32x4.add(c1, f32x4.mul(av, v128.load(bp, 16)));
		a += 4;
		bp += 32;
	}
	storeRow8(c, c0, c1, cols, accumulate);
}

/** Writes (or adds) one 8-wide row of a tile; only `cols` columns are real at the right edge. */
@inline function storeRow8(c: usize, v0: v128, v1: v128, cols: i32, accumulate: bool): void {
	if (cols == NR) {
		if (accumulate) {
			v0 = f32x4.add(v0, v128.load(c));
			v1 = f32x4.add(v1, v128.load(c, 16));
		}
		v128.store(c, v0);
		v128.store(c, v1, 16);
		return;
	}
	storeLanes(c, v0, min<i32>(cols, 4), accumulate);
	if (cols > 4) storeLanes(c + 16, v1, cols - 4, accumulate);
}

function storeLanes(c: usize, v: v128, count: i32, accumulate: bool): void {
	const base0: f32 = accumulate ? load<f32>(c) : 0;
	store<f32>(c, base0 + f32x4.extract_lane(v, 0));
	if (count < 2) return;
	const base1: f32 = accumulate ? load<f32>(c, 4) : 0;
	store<f32>(c, base1 + f32x4.extract_lane(v, 1), 4);
	if (count < 3) return;
	const base2: f32 = accumulate ? load<f32>(c, 8) : 0;
	store<f32>(c, base2 + f32x4.extract_lane(v, 2), 8);
	if (count < 4) return;
	const base3: f32 = accumulate ? load<f32>(c, 12) : 0;
	store<f32>(c, base3 + f32x4.extract_lane(v, 3), 12);
}

// ---- Scalar micro-kernels (engines without SIMD) --------------------------------------
// Same tiling, one 4×4 half of the panel at a time: 16 scalar accumulators, close to what
// the register file holds.

@inline function tile4x8Scalar(ap: usize, bp: usize, kc: i32, c: usize, ldc: usize, cols: i32, accumulate: bool): void {
	tile4x4Scalar(ap, bp, kc, c, ldc, min<i32>(cols, 4), accumulate);
	if (cols > 4) tile4x4Scalar(ap, bp + 16, kc, c + 16, ldc, cols - 4, accumulate);
}

function tile4x4Scalar(ap: usize, bp: usize, kc: i32, c: usize, ldc: usize, cols: i32, accumulate: bool): void {
	let c00: f32 = 0, c01: f32 = 0, c02: f32 = 0, c03: f32 = 0;
	let c10: f32 = 0, c11: f32 = 0, c12: f32 = 0, c13: f32 = 0;
	let c20: f32 = 0, c21: f32 = 0, c22: f32 = 0, c23: f32 = 0;
	let c30: f32 = 0, c31: f32 = 0, c32: f32 = 0, c33: f32 = 0;
	for (let p = 0; p < kc; p++) {
		const b0 = load<f32>(bp), b1 = load<f32>(bp, 4), b2 = load<f32>(bp, 8), b3 = load<f32>(bp, 12);
		let av = load<f32>(ap);
		c00 += av * b0; c01 += av * b1; c02 += av * b2; c03 += av * b3;
		av = load<f32>(ap, 4);
		c10 += av * b0; c11 += av * b1; c12 += av * b2; c13 += av * b3;
		av = load<f32>(ap, 8);
		c20 += av * b0; c21 += av * b1; c22 += av * b2; c23 += av * b3;
		av = load<f32>(ap, 12);
		c30 += av * b0; c31 += av * b1; c32 += av * b2; c33 += av * b3;
		ap += 16;
		bp += 32;
	}
	storeRow4(c, c00, c01, c02, c03, cols, accumulate);
	storeRow4(c + ldc, c10, c11, c12, c13, cols, accumulate);
	storeRow4(c + 2 * ldc, c20, c21, c22, c23, cols, accumulate);
	storeRow4(c + 3 * ldc, c30, c31, c32, c33, cols, accumulate);
}

function tile1x8Scalar(a: usize, bp: usize, kc: i32, c: usize, cols: i32, accumulate: bool): void {
	let c0: f32 = 0, c1: f32 = 0, c2: f32 = 0, c3: f32 = 0, c4: f32 = 0, c5: f32 = 0, c6: f32 = 0, c7: f32 = 0;
	for (let p = 0; p < kc; p++) {
		const av = load<f32>(a);
		c0 += av * load<f32>(bp); c1 += av * load<f32>(bp, 4); c2 += av * load<f32>(bp, 8); c3 += av * load<f32>(bp, 12);
		c4 += av * load<f32>(bp, 16); c5 += av * load<f32>(bp, 20); c6 += av * load<f32>(bp, 24); c7 += av * load<f32>(bp, 28);
		a += 4;
		bp += 32;
	}
	storeRow4(c, c0, c1, c2, c3, min<i32>(cols, 4), accumulate);
	if (cols > 4) storeRow4(c + 16, c4, c5, c6, c7, cols - 4, accumulate);
}

@inline function storeRow4(c: usize, v0: f32, v1: f32, v2: f32, v3: f32, cols: i32, accumulate: bool): void {
	store<f32>(c, (accumulate ? load<f32>(c) : 0) + v0);
	if (cols > 1) store<f32>(c, (accumulate ? load<f32>(c, 4) : 0) + v1, 4);
	if (cols > 2) store<f32>(c, (accumulate ? load<f32>(c, 8) : 0) + v2, 8);
	if (cols > 3) store<f32>(c, (accumulate ? load<f32>(c, 12) : 0) + v3, 12);
}

// ---- Few rows: no packing ---------------------------------------------------------------
// With M below a tile or two (a batch-1 forward pass), packing B would cost as much as the
// product itself: stream B once per group of rows instead.

/** C rows i0..i1 of A[M,K]·B[K,N], B unpacked. */
export function matmulRows(a: usize, b: usize, c: usize, m: i32, n: i32, k: i32, i0: i32, i1: i32): void {
	const ldb = <usize>n << 2;
	for (let i = i0; i < i1; i++) {
		const ci = c + <usize>i * ldb;
		memory.fill(ci, 0, ldb);
		const ai = a + <usize>i * (<usize>k << 2);
		let kk = 0;
		for (; kk + 4 <= k; kk += 4) {
			const bk = b + <usize>kk * ldb;
			axpy4(ci, bk, ldb, load<f32>(ai + (<usize>kk << 2)), load<f32>(ai + (<usize>kk << 2), 4), load<f32>(ai + (<usize>kk << 2), 8), load<f32>(ai + (<usize>kk << 2), 12), n);
		}
		for (; kk < k; kk++) axpy1(ci, b + <usize>kk * ldb, load<f32>(ai + (<usize>kk << 2)), n);
	}
}

/** c[0..n) += s0·b[0..n) + s1·b[ld..] + s2·b[2ld..] + s3·b[3ld..] (ld in bytes). */
@inline function axpy4(c: usize, b: usize, ld: usize, s0: f32, s1: f32, s2: f32, s3: f32, n: i32): void {
	let j = 0;
	if (ASC_FEATURE_SIMD) {
		const v0 = f32x4.splat(s0), v1 = f32x4.splat(s1), v2 = f32x4.splat(s2), v3 = f32x4.splat(s3);
		for (; j + 4 <= n; j += 4) {
			const o = <usize>j << 2;
			let acc = v128.load(c + o);
			acc = f32x4.add(acc, f32x4.mul(v0, v128.load(b + o)));
			acc = f32x4.add(acc, f32x4.mul(v1, v128.load(b + ld + o)));
			acc = f32x4.add(acc, f32x4.mul(v2, v128.load(b + 2 * ld + o)));
			acc = f32x4.add(acc, f32x4.mul(v3, v128.load(b + 3 * ld + o)));
			v128.store(c + o, acc);
		}
	}
	for (; j < n; j++) {
		const o = <usize>j << 2;
		store<f32>(c + o, load<f32>(c + o) + s0 * load<f32>(b + o) + s1 * load<f32>(b + ld + o) + s2 * load<f32>(b + 2 * ld + o) + s3 * load<f32>(b + 3 * ld + o));
	}
}

/** c[0..n) += s·b[0..n). */
@inline function axpy1(c: usize, b: usize, s: f32, n: i32): void {
	let j = 0;
	if (ASC_FEATURE_SIMD) {
		const v = f32x4.splat(s);
		for (; j + 4 <= n; j += 4) {
			const o = <usize>j << 2;
			v128.store(c + o, f32x4.add(v128.load(c + o), f32x4.mul(v, v128.load(b + o))));
		}
	}
	for (; j < n; j++) {
		const o = <usize>j << 2;
		store<f32>(c + o, load<f32>(c + o) + s * load<f32>(b + o));
	}
}

/** C rows i0..i1 of A[M,K]·B[N,K]ᵀ, B unpacked: one dot product per element. */
export function matmulBTRows(a: usize, b: usize, c: usize, m: i32, n: i32, k: i32, i0: i32, i1: i32): void {
	const rowBytes = <usize>k << 2;
	for (let i = i0; i < i1; i++) {
		const ai = a + <usize>i * rowBytes;
		const ci = c + <usize>(i * n) * 4;
		for (let j = 0; j < n; j++) store<f32>(ci + (<usize>j << 2), dot(ai, b + <usize>j * rowBytes, k));
	}
}

/** Dot product of two float vectors of length k, in four SIMD lanes when available. */
export function dot(x: usize, y: usize, k: i32): f32 {
	let s: f32 = 0;
	let p = 0;
	if (ASC_FEATURE_SIMD) {
		let acc0 = f32x4.splat(0), acc1 = f32x4.splat(0);
		for (; p + 8 <= k; p += 8) {
			const o = <usize>p << 2;
			acc0 = f32x4.add(acc0, f32x4.mul(v128.load(x + o), v128.load(y + o)));
			acc1 = f32x4.add(acc1, f32x4.mul(v128.load(x + o, 16), v128.load(y + o, 16)));
		}
		acc0 = f32x4.add(acc0, acc1);
		s = f32x4.extract_lane(acc0, 0) + f32x4.extract_lane(acc0, 1) + f32x4.extract_lane(acc0, 2) + f32x4.extract_lane(acc0, 3);
	}
	for (; p < k; p++) s += load<f32>(x + (<usize>p << 2)) * load<f32>(y + (<usize>p << 2));
	return s;
}
