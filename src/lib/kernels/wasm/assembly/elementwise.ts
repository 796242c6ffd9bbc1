// Elementwise ops and the bias/activation epilogues of the layers: four lanes per step in
// the SIMD build, the scalar tail (and the scalar build) one element at a time.

import { expV } from './vmath';

const GELU_C: f32 = 0.7978845608028654; // √(2/π)
const GELU_A: f32 = 0.044715;
// As data, not v128 constants (see vmath.ts).
const GELU_K = memory.data<f32>([-2 * GELU_C, GELU_A, 1]);

export function add(a: usize, b: usize, y: usize, n: i32): void {
	binary(a, b, y, n, false);
}

export function mul(a: usize, b: usize, y: usize, n: i32): void {
	binary(a, b, y, n, true);
}

/** a + b or a · b; inlined with a constant `product`, so each export keeps one tight loop. */
@inline function binary(a: usize, b: usize, y: usize, n: i32, product: bool): void {
	let i = 0;
	if (ASC_FEATURE_SIMD) {
		for (; i + 4 <= n; i += 4) {
			const o = <usize>i << 2;
			const va = v128.load(a + o);
			const vb = v128.load(b + o);
			v128.store(y + o, product ? f32x4.mul(va, vb) : f32x4.add(va, vb));
		}
	}
	for (; i < n; i++) {
		const o = <usize>i << 2;
		const sa = load<f32>(a + o);
		const sb = load<f32>(b + o);
		store<f32>(y + o, product ? sa * sb : sa + sb);
	}
}

export function relu(x: usize, y: usize, n: i32): void {
	let i = 0;
	if (ASC_FEATURE_SIMD) {
		const zero = f32x4.splat(0);
		for (; i + 4 <= n; i += 4) {
			const o = <usize>i << 2;
			v128.store(y + o, f32x4.pmax(zero, v128.load(x + o)));
		}
	}
	for (; i < n; i++) {
		const o = <usize>i << 2;
		store<f32>(y + o, max<f32>(load<f32>(x + o), 0));
	}
}

/** GELU (tanh form) written as x·sigmoid(2u): 0.5·(1 + tanh u) = 1/(1 + e^(−2u)), no cancellation. */
export function gelu(x: usize, y: usize, n: i32): void {
	let i = 0;
	if (ASC_FEATURE_SIMD) {
		for (; i + 4 <= n; i += 4) {
			const o = <usize>i << 2;
			const v = v128.load(x + o);
			const cube = f32x4.mul(v, f32x4.mul(v, v));
			const u = f32x4.mul(v128.load32_splat(GELU_K), f32x4.add(v, f32x4.mul(v128.load32_splat(GELU_K, 4), cube)));
			v128.store(y + o, f32x4.div(v, f32x4.add(v128.load32_splat(GELU_K, 8), expV(u))));
		}
	}
	for (; i < n; i++) {
		const o = <usize>i << 2;
		const v = load<f32>(x + o);
		store<f32>(y + o, v / (1 + Mathf.exp(-2 * GELU_C * (v + GELU_A * v * v * v))));
	}
}

/** c[r, j] += bias[r] for a [rows, cols] block (a conv output: one bias per channel), then ReLU if asked. */
export function biasRows(c: usize, bias: usize, rows: i32, cols: i32, applyRelu: bool): void {
	for (let r = 0; r < rows; r++) {
		const row = c + (<usize>(r * cols) << 2);
		if (applyRelu) addBias(row, bias + (<usize>r << 2), 0, cols, true);
		else addBias(row, bias + (<usize>r << 2), 0, cols, false);
	}
}

/** c[r, j] += bias[j] for a [rows, cols] block (a dense layer), then ReLU if asked. */
export function biasCols(c: usize, bias: usize, rows: i32, cols: i32, applyRelu: bool): void {
	for (let r = 0; r < rows; r++) {
		const row = c + (<usize>(r * cols) << 2);
		if (applyRelu) addBias(row, bias, 4, cols, true);
		else addBias(row, bias, 4, cols, false);
	}
}

/** row[j] += bias[j·step/4] (step 0: one value for the row; 4: one per column); inlined per constant `relu`. */
@inline function addBias(row: usize, bias: usize, step: usize, cols: i32, relu: bool): void {
	let j = 0;
	if (ASC_FEATURE_SIMD) {
		const zero = f32x4.splat(0);
		for (; j + 4 <= cols; j += 4) {
			const o = <usize>j << 2;
			const b = step ? v128.load(bias + o) : v128.load32_splat(bias);
			const v = f32x4.add(v128.load(row + o), b);
			v128.store(row + o, relu ? f32x4.pmax(zero, v) : v);
		}
	}
	for (; j < cols; j++) {
		const o = <usize>j << 2;
		const v = load<f32>(row + o) + load<f32>(bias + (step ? o : 0));
		store<f32>(row + o, relu && v < 0 ? 0 : v);
	}
}
