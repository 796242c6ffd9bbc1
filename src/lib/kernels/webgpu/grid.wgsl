// One invocation per element over a dispatch that may be folded into x·y workgroups
// (dispatchGrid in webgpu/grid.ts). Joined in front of the kernels that use it.

// Invocations per workgroup, set from webgpu/grid.ts THREADS so dispatch and shader agree.
override WORKGROUP: u32;

fn elementIndex(wg: vec3u, groups: vec3u, lane: u32) -> u32 {
	return (wg.y * groups.x + wg.x) * WORKGROUP + lane;
}
