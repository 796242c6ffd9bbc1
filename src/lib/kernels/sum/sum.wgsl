// Sum of all elements, in passes (sum/webgpu.ts plans them): each workgroup adds a strided
// share of its input per lane, the lanes reduce in a tree, and lane 0 writes the workgroup's
// partial sum; the next pass sums the partials, until one value is left.

struct Params {
	n: u32,
}

@group(0) @binding(0) var<storage, read> x: array<f32>;
@group(0) @binding(1) var<storage, read_write> partial: array<f32>;
@group(0) @binding(2) var<uniform> p: Params;

@compute @workgroup_size(REDUCE_LANES)
fn main(@builtin(workgroup_id) wg: vec3u, @builtin(num_workgroups) groups: vec3u, @builtin(local_invocation_index) lane: u32) {
	// Neighbouring lanes read neighbouring elements (coalesced on a GPU).
	var acc = 0.0;
	for (var i = wg.x * REDUCE_LANES + lane; i < p.n; i = i + groups.x * REDUCE_LANES) {
		acc = acc + x[i];
	}
	let total = workgroupSum(acc, lane);
	if (lane == 0u) {
		partial[wg.x] = total;
	}
}
