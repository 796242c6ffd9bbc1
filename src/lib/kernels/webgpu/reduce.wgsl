// Workgroup reductions shared by sum, softmax and layernorm: each lane brings one value,
// a tree over REDUCE_LANES lanes combines them. Joined in front of the kernels that use it
// (see shader() in webgpu/pipelines.ts). Call from uniform control flow only.

// A power of two, set from webgpu/grid.ts THREADS.
override REDUCE_LANES: u32;

var<workgroup> reduceScratch: array<f32, REDUCE_LANES>;

fn workgroupSum(value: f32, lane: u32) -> f32 {
	reduceScratch[lane] = value;
	workgroupBarrier();
	for (var stride = REDUCE_LANES / 2u; stride > 0u; stride = stride / 2u) {
		if (lane < stride) {
			reduceScratch[lane] = reduceScratch[lane] + reduceScratch[lane + stride];
		}
		workgroupBarrier();
	}
	let total = reduceScratch[0];
	// The scratch is reused by the next reduction: nobody may overwrite it before all have read.
	workgroupBarrier();
	return total;
}

fn workgroupMax(value: f32, lane: u32) -> f32 {
	reduceScratch[lane] = value;
	workgroupBarrier();
	for (var stride = REDUCE_LANES / 2u; stride > 0u; stride = stride / 2u) {
		if (lane < stride) {
			reduceScratch[lane] = max(reduceScratch[lane], reduceScratch[lane + stride]);
		}
		workgroupBarrier();
	}
	let best = reduceScratch[0];
	workgroupBarrier();
	return best;
}
