// exp for four lanes at once (Cephes' expf: range reduction by ln 2, degree-6 polynomial,
// exponent bits set directly), so softmax and GELU are not bound by a scalar libm call.
// Relative error about 1e-7 (a float32 ulp or two); inputs below −87.3 give exactly 0,
// so masked (−∞) attention scores vanish as they should.
//
// Two V8 habits shape the code: it rebuilds every v128 constant inside the loop that uses
// it (three instructions each), while a splat load from memory is one — so the constants
// live in a data table; and wasm's f32x4.min/max (NaN- and −0-exact) cost about six
// instructions where pmin/pmax are one, which is all a clamp needs.

// prettier-ignore
const K = memory.data<f32>([
	88.3762626647949, -87.33654475, 1.44269504088896341, 0.693359375, -2.12194440e-4,
	1.9875691500e-4, 1.3981999507e-3, 8.3334519073e-3, 4.1665795894e-2, 1.6666665459e-1, 5.0000001201e-1,
	1, 12582912 // 1.5·2²³: adding it rounds to an integer, kept in the low mantissa bits
]);
const HI = 0, LO = 4, LOG2E = 8, LN2_HI = 12, LN2_LO = 16, P0 = 20, P1 = 24, P2 = 28, P3 = 32, P4 = 36, P5 = 40, ONE = 44, ROUND = 48;
const EXPONENT_BIAS = memory.data<i32>([127]);

@inline export function expV(x: v128): v128 {
	const lo = v128.load32_splat(K, LO);
	const underflow = f32x4.lt(x, lo);
	let t = f32x4.pmin(f32x4.pmax(x, lo), v128.load32_splat(K, HI));
	const round = v128.load32_splat(K, ROUND);
	const big = f32x4.add(f32x4.mul(t, v128.load32_splat(K, LOG2E)), round);
	const n = f32x4.sub(big, round);
	t = f32x4.sub(t, f32x4.mul(n, v128.load32_splat(K, LN2_HI)));
	t = f32x4.sub(t, f32x4.mul(n, v128.load32_splat(K, LN2_LO)));
	let y = f32x4.add(f32x4.mul(v128.load32_splat(K, P0), t), v128.load32_splat(K, P1));
	y = f32x4.add(f32x4.mul(y, t), v128.load32_splat(K, P2));
	y = f32x4.add(f32x4.mul(y, t), v128.load32_splat(K, P3));
	y = f32x4.add(f32x4.mul(y, t), v128.load32_splat(K, P4));
	y = f32x4.add(f32x4.mul(y, t), v128.load32_splat(K, P5));
	y = f32x4.add(f32x4.add(f32x4.mul(y, f32x4.mul(t, t)), t), v128.load32_splat(K, ONE));
	// 2ⁿ: n sits in the low bits of `big`; shift it (plus the bias) into the exponent field.
	const scale = i32x4.shl(i32x4.add(i32x4.sub(big, round), v128.load32_splat(EXPONENT_BIAS)), 23);
	return v128.andnot(f32x4.mul(y, scale), underflow);
}

/** Horizontal sum and max of four lanes. */
@inline export function hsum(v: v128): f32 {
	return f32x4.extract_lane(v, 0) + f32x4.extract_lane(v, 1) + f32x4.extract_lane(v, 2) + f32x4.extract_lane(v, 3);
}

@inline export function hmax(v: v128): f32 {
	return max<f32>(max<f32>(f32x4.extract_lane(v, 0), f32x4.extract_lane(v, 1)), max<f32>(f32x4.extract_lane(v, 2), f32x4.extract_lane(v, 3)));
}
