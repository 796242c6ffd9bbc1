// exp for four lanes at once (Cephes' expf: range reduction by ln 2, degree-6 polynomial,
// exponent bits set directly), so softmax and GELU are not bound by a scalar libm call.
// Relative error about 2e-7 (a couple of float32 ulps); inputs below -87.3 give exactly 0,
// so masked (−∞) attention scores vanish as they should.

const EXP_HI: f32 = 88.3762626647949;
const EXP_LO: f32 = -87.33654475;
const LOG2E: f32 = 1.44269504088896341;
const LN2_HI: f32 = 0.693359375;
const LN2_LO: f32 = -2.12194440e-4;

@inline export function expV(x: v128): v128 {
	const underflow = f32x4.lt(x, f32x4.splat(EXP_LO));
	let t = f32x4.min(f32x4.max(x, f32x4.splat(EXP_LO)), f32x4.splat(EXP_HI));
	const fx = f32x4.nearest(f32x4.mul(t, f32x4.splat(LOG2E)));
	t = f32x4.sub(t, f32x4.mul(fx, f32x4.splat(LN2_HI)));
	t = f32x4.sub(t, f32x4.mul(fx, f32x4.splat(LN2_LO)));
	let y = f32x4.splat(1.9875691500e-4);
	y = f32x4.add(f32x4.mul(y, t), f32x4.splat(1.3981999507e-3));
	y = f32x4.add(f32x4.mul(y, t), f32x4.splat(8.3334519073e-3));
	y = f32x4.add(f32x4.mul(y, t), f32x4.splat(4.1665795894e-2));
	y = f32x4.add(f32x4.mul(y, t), f32x4.splat(1.6666665459e-1));
	y = f32x4.add(f32x4.mul(y, t), f32x4.splat(5.0000001201e-1));
	y = f32x4.add(f32x4.add(f32x4.mul(y, f32x4.mul(t, t)), t), f32x4.splat(1));
	const scale = i32x4.shl(i32x4.add(i32x4.trunc_sat_f32x4_s(fx), i32x4.splat(127)), 23);
	return v128.andnot(f32x4.mul(y, scale), underflow);
}

/** Horizontal sum and max of four lanes. */
@inline export function hsum(v: v128): f32 {
	return f32x4.extract_lane(v, 0) + f32x4.extract_lane(v, 1) + f32x4.extract_lane(v, 2) + f32x4.extract_lane(v, 3);
}

@inline export function hmax(v: v128): f32 {
	return max<f32>(max<f32>(f32x4.extract_lane(v, 0), f32x4.extract_lane(v, 1)), max<f32>(f32x4.extract_lane(v, 2), f32x4.extract_lane(v, 3)));
}
