// Softmax over the last axis, one workgroup per row: the row max (for stability: exp never
// overflows) and the sum of exponentials are workgroup reductions. With `causal` set to the
// sequence length S, the rows are an S×S attention score matrix and row i keeps columns 0..i.

struct Params {
	rows: u32,
	d: u32,
	causal: u32,
}

@group(0) @binding(0) var<storage, read> x: array<f32>;
@group(0) @binding(1) var<storage, read_write> out: array<f32>;
@group(0) @binding(2) var<uniform> p: Params;

@compute @workgroup_size(REDUCE_LANES)
fn main(@builtin(workgroup_id) wg: vec3u, @builtin(num_workgroups) groups: vec3u, @builtin(local_invocation_index) lane: u32) {
	let row = wg.y * groups.x + wg.x;
	if (row >= p.rows) {
		return;
	}
	var cols = p.d;
	if (p.causal != 0u) {
		cols = min(p.d, row % p.causal + 1u);
	}
	let base = row * p.d;
	var localMax = -0x1.fffffep+127f;
	for (var j = lane; j < cols; j = j + REDUCE_LANES) {
		localMax = max(localMax, x[base + j]);
	}
	let rowMax = workgroupMax(localMax, lane);
	var localSum = 0.0;
	for (var j = lane; j < cols; j = j + REDUCE_LANES) {
		localSum = localSum + exp(x[base + j] - rowMax);
	}
	let total = workgroupSum(localSum, lane);
	for (var j = lane; j < p.d; j = j + REDUCE_LANES) {
		out[base + j] = select(0.0, exp(x[base + j] - rowMax) / total, j < cols);
	}
}
