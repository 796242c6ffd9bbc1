import type { Scope, WasmContext } from '../context';
import { PANEL, TILE_ROWS } from '../exports';
import { chunksFor, matmulShares, panelCount, PARALLEL_MIN_MACS, splitRange } from '../partition';
import type { Planner } from './plan';

export interface Product {
	/** A[M,K]; B[K,N], or B[N,K] when transposed; C[M,N]: addresses in the kernels' memory. */
	a: number;
	b: number;
	c: number;
	m: number;
	n: number;
	k: number;
	transposeB: boolean;
}

/** Chunks worth cutting a job of `macs` multiply-adds into (1: run it on this thread). */
export const chunksForWork = (ctx: WasmContext, macs: number) => (macs >= PARALLEL_MIN_MACS ? chunksFor(ctx.threads) : 1);

/**
 * Plans C = A·B (or A·Bᵀ) once, for fixed addresses: the packed-B buffer is allocated and
 * every thread's share computed here, so running is only kernel calls. Fewer rows than a
 * micro-tile skip packing (streaming B once per row is cheaper than copying it).
 */
export function planProduct(ctx: WasmContext, scope: Scope, p: Product): () => void {
	const { a, b, c, m, n, k } = p;
	const chunks = chunksForWork(ctx, m * n * k);
	if (m < TILE_ROWS) {
		const fn = p.transposeB ? 'matmulBTRows' : 'matmulRows';
		const calls = splitRange(m, chunks).map(([i0, i1]) => [a, b, c, m, n, k, i0, i1]);
		return () => ctx.parallel(fn, calls);
	}
	const panels = panelCount(n);
	const packed = scope.alloc(k * panels * PANEL * 4);
	const pack = p.transposeB ? 'packBT' : 'packB';
	const packCalls = splitRange(panels, chunks).map(([p0, p1]) => [b, packed, k, n, p0, p1]);
	const calls = matmulShares(m, n, chunks).map(({ rows, panels: [p0, p1] }) => [a, packed, c, m, n, k, rows[0], rows[1], p0, p1, 0]);
	return () => {
		ctx.parallel(pack, packCalls);
		ctx.parallel('matmulPacked', calls, ctx.packScratch);
	};
}

const productWasm =
	(transposeB: boolean): Planner<'matmul' | 'matmulBT'> =>
	(ctx, scope, [a, b]) => {
		const [m, k] = a.shape;
		const [n, kb] = transposeB ? b.shape : [b.shape[1], b.shape[0]];
		if (kb !== k) throw new Error(`${transposeB ? 'matmulBT' : 'matmul'}: inner sizes differ (${k} vs ${kb})`);
		const output = scope.alloc(m * n * 4);
		return { output, outputShape: [m, n], run: planProduct(ctx, scope, { a: a.ptr, b: b.ptr, c: output, m, n, k, transposeB }) };
	};

export const matmulWasm = productWasm(false);
export const matmulBTWasm = productWasm(true);
