// Max pooling over NCHW planes, no padding (floor mode): one invocation per output element.

struct Params {
	h: u32,
	w: u32,
	oh: u32,
	ow: u32,
	kernel: u32,
	stride: u32,
	total: u32,
}

@group(0) @binding(0) var<storage, read> x: array<f32>;
@group(0) @binding(1) var<storage, read_write> out: array<f32>;
@group(0) @binding(2) var<uniform> p: Params;

@compute @workgroup_size(WORKGROUP)
fn main(@builtin(workgroup_id) wg: vec3u, @builtin(num_workgroups) groups: vec3u, @builtin(local_invocation_index) lane: u32) {
	let idx = elementIndex(wg, groups, lane);
	if (idx >= p.total) {
		return;
	}
	let ox = idx % p.ow;
	let oy = (idx / p.ow) % p.oh;
	let plane = idx / (p.ow * p.oh);
	let corner = (plane * p.h + oy * p.stride) * p.w + ox * p.stride;
	var best = -0x1.fffffep+127f;
	for (var ky = 0u; ky < p.kernel; ky = ky + 1u) {
		for (var kx = 0u; kx < p.kernel; kx = kx + 1u) {
			best = max(best, x[corner + ky * p.w + kx]);
		}
	}
	out[idx] = best;
}
