/**
 * Workgroup-count arithmetic, kept free of GPU globals so it is unit-tested in Node.
 * WebGPU caps each dispatch dimension (65535 by default), so long 1-D jobs fold into x·y;
 * shaders rebuild the linear index as `wg.y * nwg.x + wg.x`.
 */
export const MAX_WORKGROUPS_PER_DIM = 65535;

export type Workgroups = [number, number, number];

/** Enough workgroups for `count` of them, folded into two dimensions when needed. */
export function dispatchGrid(count: number, limit = MAX_WORKGROUPS_PER_DIM): Workgroups {
	if (count <= limit) return [Math.max(1, count), 1, 1];
	const y = Math.ceil(count / limit);
	if (y > limit) throw new Error(`This job needs ${count} workgroups, more than the GPU can dispatch at once.`);
	return [Math.ceil(count / y), y, 1];
}

/** Workgroups of `size` threads, one thread per element. */
export const elementGrid = (elements: number, size: number) => dispatchGrid(Math.ceil(elements / size));

/** The elementwise and per-output kernels use this many threads per workgroup. */
export const THREADS = 256;

/**
 * Lanes of a one-workgroup-per-row reduction (softmax, layernorm): about four elements per
 * lane, a power of two, at most THREADS. Short rows get small workgroups — a 256-lane tree
 * over 13 values would be mostly idle lanes waiting at barriers (on SwiftShader, 100× slower).
 */
export function rowLanes(d: number): number {
	let lanes = 1;
	while (lanes < THREADS && lanes * 4 < d) lanes *= 2;
	return lanes;
}
