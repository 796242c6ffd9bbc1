// im2col for conv2d: unfolds each batch item of x[N,C,H,W] into col[C·KH·KW, OH·OW], so the
// convolution becomes one matmul W[OC, C·KH·KW] · col (matmul.wgsl), whose [OC, OH·OW]
// result is already the NCHW output. Row r = (c, ky, kx) in W's own order; zero padding.

struct Params {
	c: u32,
	h: u32,
	w: u32,
	kh: u32,
	kw: u32,
	oh: u32,
	ow: u32,
	stride: u32,
	padding: u32,
	total: u32,
}

@group(0) @binding(0) var<storage, read> x: array<f32>;
@group(0) @binding(1) var<storage, read_write> col: array<f32>;
@group(0) @binding(2) var<uniform> p: Params;

@compute @workgroup_size(WORKGROUP)
fn main(@builtin(workgroup_id) wg: vec3u, @builtin(num_workgroups) groups: vec3u, @builtin(local_invocation_index) lane: u32) {
	let idx = elementIndex(wg, groups, lane);
	if (idx >= p.total) {
		return;
	}
	let positions = p.oh * p.ow;
	let taps = p.kh * p.kw;
	let pos = idx % positions;
	let r = (idx / positions) % (p.c * taps);
	let item = idx / (positions * p.c * taps);
	let ch = r / taps;
	let ky = (r / p.kw) % p.kh;
	let kx = r % p.kw;
	let iy = i32((pos / p.ow) * p.stride + ky) - i32(p.padding);
	let ix = i32((pos % p.ow) * p.stride + kx) - i32(p.padding);
	var v = 0.0;
	if (iy >= 0 && iy < i32(p.h) && ix >= 0 && ix < i32(p.w)) {
		v = x[((item * p.c + ch) * p.h + u32(iy)) * p.w + u32(ix)];
	}
	col[idx] = v;
}
