// The elementwise ops, one entry point each, one invocation per element (grid.wgsl);
// unary ops leave `b` unbound.

struct Params {
	n: u32,
}

@group(0) @binding(0) var<storage, read> a: array<f32>;
@group(0) @binding(1) var<storage, read> b: array<f32>;
@group(0) @binding(2) var<storage, read_write> out: array<f32>;
@group(0) @binding(3) var<uniform> p: Params;

// sqrt(2 / pi), for GELU's tanh approximation.
const GELU_C = 0.7978845608028654;

@compute @workgroup_size(WORKGROUP)
fn add(@builtin(workgroup_id) wg: vec3u, @builtin(num_workgroups) groups: vec3u, @builtin(local_invocation_index) lane: u32) {
	let i = elementIndex(wg, groups, lane);
	if (i < p.n) {
		out[i] = a[i] + b[i];
	}
}

@compute @workgroup_size(WORKGROUP)
fn mul(@builtin(workgroup_id) wg: vec3u, @builtin(num_workgroups) groups: vec3u, @builtin(local_invocation_index) lane: u32) {
	let i = elementIndex(wg, groups, lane);
	if (i < p.n) {
		out[i] = a[i] * b[i];
	}
}

@compute @workgroup_size(WORKGROUP)
fn relu(@builtin(workgroup_id) wg: vec3u, @builtin(num_workgroups) groups: vec3u, @builtin(local_invocation_index) lane: u32) {
	let i = elementIndex(wg, groups, lane);
	if (i < p.n) {
		out[i] = max(a[i], 0.0);
	}
}

@compute @workgroup_size(WORKGROUP)
fn gelu(@builtin(workgroup_id) wg: vec3u, @builtin(num_workgroups) groups: vec3u, @builtin(local_invocation_index) lane: u32) {
	let i = elementIndex(wg, groups, lane);
	if (i < p.n) {
		let x = a[i];
		// tanh saturates to ±1 long before ±10; clamping keeps exp-based tanh from inf/inf = NaN.
		let u = clamp(GELU_C * (x + 0.044715 * x * x * x), -10.0, 10.0);
		out[i] = 0.5 * x * (1.0 + tanh(u));
	}
}
