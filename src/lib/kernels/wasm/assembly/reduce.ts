// Reductions over a whole tensor or along the last axis.

import { expV, hmax, hsum } from './vmath';

/** Elements summed in float32 lanes before the partial is added to a float64 total. */
const SUM_BLOCK = 4096;

/**
 * out[0] = Σ x. Sixteen float32 lanes per block keep the loop fast; adding each block's
 * partial into a float64 total keeps the error from growing with n.
 */
export function sum(x: usize, out: usize, n: i32): void {
	let total: f64 = 0;
	for (let start = 0; start < n; start += SUM_BLOCK) total += sumBlock(x + (<usize>start << 2), min<i32>(SUM_BLOCK, n - start));
	store<f32>(out, <f32>total);
}

@inline function sumBlock(x: usize, n: i32): f32 {
	let s: f32 = 0;
	let i = 0;
	if (ASC_FEATURE_SIMD) {
		let a0 = f32x4.splat(0), a1 = f32x4.splat(0), a2 = f32x4.splat(0), a3 = f32x4.splat(0);
		for (; i + 16 <= n; i += 16) {
			const p = x + (<usize>i << 2);
			a0 = f32x4.add(a0, v128.load(p));
			a1 = f32x4.add(a1, v128.load(p, 16));
			a2 = f32x4.add(a2, v128.load(p, 32));
			a3 = f32x4.add(a3, v128.load(p, 48));
		}
		s = hsum(f32x4.add(f32x4.add(a0, a1), f32x4.add(a2, a3)));
	}
	for (; i < n; i++) s += load<f32>(x + (<usize>i << 2));
	return s;
}

/** Softmax of each of `rows` rows of length d, subtracting the row max first so exp never overflows. */
export function softmaxRows(x: usize, y: usize, rows: i32, d: i32): void {
	for (let r = 0; r < rows; r++) {
		const off = <usize>(r * d) << 2;
		softmaxRow(x + off, y + off, d);
	}
}

/** One row of softmax; x and y may be the same buffer. */
export function softmaxRow(x: usize, y: usize, d: i32): void {
	let m: f32 = -Infinity;
	let j = 0;
	if (ASC_FEATURE_SIMD) {
		let mv = f32x4.splat(-Infinity);
		for (; j + 4 <= d; j += 4) mv = f32x4.pmax(mv, v128.load(x + (<usize>j << 2)));
		m = hmax(mv);
	}
	for (; j < d; j++) m = max<f32>(m, load<f32>(x + (<usize>j << 2)));

	let total: f32 = 0;
	j = 0;
	if (ASC_FEATURE_SIMD) {
		const mv = f32x4.splat(m);
		let sv = f32x4.splat(0);
		for (; j + 4 <= d; j += 4) {
			const o = <usize>j << 2;
			const e = expV(f32x4.sub(v128.load(x + o), mv));
			v128.store(y + o, e);
			sv = f32x4.add(sv, e);
		}
		total = hsum(sv);
	}
	for (; j < d; j++) {
		const o = <usize>j << 2;
		const e = Mathf.exp(load<f32>(x + o) - m);
		store<f32>(y + o, e);
		total += e;
	}

	// One division, then products: a float32 ulp from dividing each element.
	const inv: f32 = <f32>1 / total;
	j = 0;
	if (ASC_FEATURE_SIMD) {
		const iv = f32x4.splat(inv);
		for (; j + 4 <= d; j += 4) {
			const o = <usize>j << 2;
			v128.store(y + o, f32x4.mul(v128.load(y + o), iv));
		}
	}
	for (; j < d; j++) {
		const o = <usize>j << 2;
		store<f32>(y + o, load<f32>(y + o) * inv);
	}
}

/** Layer norm of each row over its last axis: (x − mean)/√(var + eps)·γ + β, biased variance, two passes. */
export function layernormRows(x: usize, gamma: usize, beta: usize, y: usize, rows: i32, d: i32, eps: f32): void {
	for (let r = 0; r < rows; r++) {
		const off = <usize>(r * d) << 2;
		const xr = x + off;
		const yr = y + off;
		const mean = rowSum(xr, d) / <f32>d;
		const inv: f32 = <f32>1 / Mathf.sqrt(rowSquaredDeviation(xr, d, mean) / <f32>d + eps);
		let j = 0;
		if (ASC_FEATURE_SIMD) {
			const mv = f32x4.splat(mean);
			const iv = f32x4.splat(inv);
			for (; j + 4 <= d; j += 4) {
				const o = <usize>j << 2;
				const n = f32x4.mul(f32x4.sub(v128.load(xr + o), mv), iv);
				v128.store(yr + o, f32x4.add(f32x4.mul(n, v128.load(gamma + o)), v128.load(beta + o)));
			}
		}
		for (; j < d; j++) {
			const o = <usize>j << 2;
			store<f32>(yr + o, (load<f32>(xr + o) - mean) * inv * load<f32>(gamma + o) + load<f32>(beta + o));
		}
	}
}

@inline function rowSum(x: usize, d: i32): f32 {
	let s: f32 = 0;
	let j = 0;
	if (ASC_FEATURE_SIMD) {
		let sv = f32x4.splat(0);
		for (; j + 4 <= d; j += 4) sv = f32x4.add(sv, v128.load(x + (<usize>j << 2)));
		s = hsum(sv);
	}
	for (; j < d; j++) s += load<f32>(x + (<usize>j << 2));
	return s;
}

@inline function rowSquaredDeviation(x: usize, d: i32, mean: f32): f32 {
	let s: f32 = 0;
	let j = 0;
	if (ASC_FEATURE_SIMD) {
		const mv = f32x4.splat(mean);
		let sv = f32x4.splat(0);
		for (; j + 4 <= d; j += 4) {
			const t = f32x4.sub(v128.load(x + (<usize>j << 2)), mv);
			sv = f32x4.add(sv, f32x4.mul(t, t));
		}
		s = hsum(sv);
	}
	for (; j < d; j++) {
		const t = load<f32>(x + (<usize>j << 2)) - mean;
		s += t * t;
	}
	return s;
}
