// Layer normalisation over the last axis, one workgroup per row. Mean first, then the
// variance as the mean of squared deviations (two passes over the row: no cancellation
// as in E[x²] − E[x]²), both workgroup reductions.

struct Params {
	rows: u32,
	d: u32,
	eps: f32,
}

@group(0) @binding(0) var<storage, read> x: array<f32>;
@group(0) @binding(1) var<storage, read> gamma: array<f32>;
@group(0) @binding(2) var<storage, read> beta: array<f32>;
@group(0) @binding(3) var<storage, read_write> out: array<f32>;
@group(0) @binding(4) var<uniform> p: Params;

@compute @workgroup_size(REDUCE_LANES)
fn main(@builtin(workgroup_id) wg: vec3u, @builtin(num_workgroups) groups: vec3u, @builtin(local_invocation_index) lane: u32) {
	let row = wg.y * groups.x + wg.x;
	if (row >= p.rows) {
		return;
	}
	let base = row * p.d;
	let count = f32(p.d);
	var localSum = 0.0;
	for (var j = lane; j < p.d; j = j + REDUCE_LANES) {
		localSum = localSum + x[base + j];
	}
	let mean = workgroupSum(localSum, lane) / count;
	var localSq = 0.0;
	for (var j = lane; j < p.d; j = j + REDUCE_LANES) {
		let dev = x[base + j] - mean;
		localSq = localSq + dev * dev;
	}
	let inv = inverseSqrt(workgroupSum(localSq, lane) / count + p.eps);
	for (var j = lane; j < p.d; j = j + REDUCE_LANES) {
		out[base + j] = (x[base + j] - mean) * inv * gamma[j] + beta[j];
	}
}
