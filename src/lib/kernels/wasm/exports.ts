/**
 * The kernels module's exports (assembly/index.ts), as JS sees them: every pointer is a
 * byte offset into the module's memory, every size an element count.
 */
export interface KernelExports {
	heapBase(): number;
	add(a: number, b: number, y: number, n: number): void;
	mul(a: number, b: number, y: number, n: number): void;
	relu(x: number, y: number, n: number): void;
	gelu(x: number, y: number, n: number): void;
	biasRows(c: number, bias: number, rows: number, cols: number, relu: boolean): void;
	biasCols(c: number, bias: number, rows: number, cols: number, relu: boolean): void;
	sum(x: number, out: number, n: number): void;
	softmaxRows(x: number, y: number, rows: number, d: number): void;
	layernormRows(x: number, gamma: number, beta: number, y: number, rows: number, d: number, eps: number): void;
	packedABytes(): number;
	packB(b: number, bp: number, k: number, n: number, p0: number, p1: number): void;
	packBT(b: number, bp: number, k: number, n: number, p0: number, p1: number): void;
	matmulPacked(a: number, bp: number, c: number, m: number, n: number, k: number, i0: number, i1: number, p0: number, p1: number, ap: number): void;
	matmulRows(a: number, b: number, c: number, m: number, n: number, k: number, i0: number, i1: number): void;
	matmulBTRows(a: number, b: number, c: number, m: number, n: number, k: number, i0: number, i1: number): void;
	im2colPack(
		x: number, bp: number, c: number, h: number, w: number, kh: number, kw: number,
		stride: number, pad: number, oh: number, ow: number, p0: number, p1: number
	): void;
	maxpool2d(x: number, y: number, planes: number, h: number, w: number, k: number, stride: number, oh: number, ow: number): void;
	attentionScratchBytes(s: number, d: number): number;
	attentionHeads(q: number, k: number, v: number, o: number, s: number, d: number, causal: boolean, h0: number, h1: number, scratch: number): void;
}

/**
 * The exports a thread of the pool can be asked to run (all arguments are integers, so a
 * call fits in the pool's shared control block). The index is the wire code.
 */
export const PARALLEL_FNS = ['packB', 'packBT', 'im2colPack', 'matmulPacked', 'matmulRows', 'matmulBTRows', 'attentionHeads'] as const;
export type ParallelFn = (typeof PARALLEL_FNS)[number];

/** Width of a packed B panel and rows of a micro-tile (assembly/matmul.ts NR and MR). */
export const PANEL = 8;
export const TILE_ROWS = 4;
