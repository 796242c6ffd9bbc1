import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { randn } from '$lib/kernels/random';
import { Arena, ALIGN } from '$lib/kernels/wasm/arena';
import { WasmContext } from '$lib/kernels/wasm/context';
import { wasmPlanners } from '$lib/kernels/wasm/ops';
import { matmulShares, splitRange } from '$lib/kernels/wasm/partition';
import { build, outputFile } from '../../scripts/assets/10-wasm-kernels.mjs';
import { nodeThreadSpawner } from './helpers/wasm-threads';

const PAGE = 65536;

describe('splitRange', () => {
	it.each([
		[10, 3, 1],
		[300, 8, 4],
		[7, 4, 4],
		[1, 8, 4],
		[1024, 8, 4],
		[61, 8, 1]
	])('cuts [0, %i) into at most %i grain-aligned pieces (grain %i) that cover it once', (total, parts, grain) => {
		const ranges = splitRange(total, parts, grain);
		expect(ranges.length).toBeLessThanOrEqual(parts);
		expect(ranges[0][0]).toBe(0);
		expect(ranges.at(-1)![1]).toBe(total);
		for (const [i, [start, end]] of ranges.entries()) {
			expect(end).toBeGreaterThan(start);
			expect(start % grain).toBe(0);
			if (i > 0) expect(start).toBe(ranges[i - 1][1]);
		}
		const sizes = ranges.slice(0, -1).map(([s, e]) => (e - s) / grain);
		expect(Math.max(...sizes, 0) - Math.min(...sizes, Infinity)).toBeLessThanOrEqual(1);
	});
});

describe('matmulShares', () => {
	it('splits tall products by rows in groups of 4, covering all panels', () => {
		const shares = matmulShares(1024, 1024, 8);
		expect(shares).toHaveLength(8);
		expect(shares.every((s) => s.panels[0] === 0 && s.panels[1] === 128 && s.rows[0] % 4 === 0)).toBe(true);
		expect(shares.at(-1)!.rows[1]).toBe(1024);
	});
	it('splits wide products (a conv: few channels, many pixels) by column panels', () => {
		const shares = matmulShares(33, 483, 8);
		expect(shares.every((s) => s.rows[0] === 0 && s.rows[1] === 33)).toBe(true);
		expect(shares.map((s) => s.panels)).toEqual(splitRange(61, 8));
	});
});

describe('Arena', () => {
	it('aligns, reuses freed blocks, merges neighbours and grows the memory on demand', () => {
		const memory = new WebAssembly.Memory({ initial: 1, maximum: 8 });
		const arena = new Arena(memory, 1000, 8 * PAGE);
		const a = arena.alloc(10);
		const b = arena.alloc(100);
		const c = arena.alloc(1000);
		expect(a).toBe(1024);
		for (const p of [a, b, c]) expect(p % ALIGN).toBe(0);
		expect(b).toBeGreaterThanOrEqual(a + 10);
		expect(c).toBeGreaterThanOrEqual(b + 100);
		arena.free(a);
		arena.free(b);
		expect(arena.alloc(150)).toBe(a); // a and b merged into one block
		const big = arena.alloc(3 * PAGE);
		expect(memory.buffer.byteLength).toBeGreaterThanOrEqual(big + 3 * PAGE);
		expect(() => arena.free(big + 64)).toThrow(/not an allocated block/);
		expect(() => arena.alloc(8 * PAGE)).toThrow(/more memory than the WebAssembly kernels may use/);
	});
});

describe('packing and im2col layouts (the SIMD build)', () => {
	let ctx: WasmContext;
	beforeAll(async () => {
		await build();
		ctx = await WasmContext.create(await WebAssembly.compile(await readFile(outputFile('simd'))), 1);
	}, 120_000);

	const put = (data: Float32Array) => {
		const at = ctx.arena.alloc(data.length * 4);
		ctx.f32(at, data.length).set(data);
		return at;
	};

	it('frees everything a planned op allocated when its scope is freed', () => {
		const before = ctx.arena.liveBytes;
		const scope = ctx.scope();
		const x = { ptr: scope.alloc(4 * 3 * 32 * 32), shape: [1, 3, 32, 32] };
		const w = { ptr: scope.alloc(4 * 8 * 27), shape: [8, 3, 3, 3] };
		const b = { ptr: scope.alloc(4 * 8), shape: [8] };
		wasmPlanners.conv2d(ctx, scope, [x, w, b], { stride: 1, padding: 1 }).run();
		expect(ctx.arena.liveBytes).toBeGreaterThan(before);
		scope.free();
		expect(ctx.arena.liveBytes).toBe(before);
	});

	it.each([
		['packB', 'B[K,N]', (b: Float32Array, kk: number, col: number, k: number, n: number) => b[kk * n + col]],
		['packBT', 'B[N,K] transposed', (b: Float32Array, kk: number, col: number, k: number) => b[col * k + kk]]
	] as const)('%s puts %s element (k, 8p + lane) at panel p, row k, lane; zero past N', (fn, _layout, element) => {
		const [k, n] = [5, 11];
		const b = randn(k * n, 1);
		const packed = ctx.arena.alloc(k * 16 * 4);
		ctx.exports[fn](put(b), packed, k, n, 0, 2);
		const got = ctx.f32(packed, k * 16);
		for (let p = 0; p < 2; p++)
			for (let kk = 0; kk < k; kk++)
				for (let lane = 0; lane < 8; lane++) {
					const col = p * 8 + lane;
					expect(got[(p * k + kk) * 8 + lane]).toBe(col < n ? element(b, kk, col, k, n) : 0);
				}
	});

	it('im2colPack reads x[c, oy·s − pad + ky, ox·s − pad + kx], zero outside the image and past the last pixel', () => {
		const [c, h, w, kh, kw, stride, pad] = [2, 5, 4, 3, 2, 2, 1];
		const oh = Math.floor((h + 2 * pad - kh) / stride) + 1;
		const ow = Math.floor((w + 2 * pad - kw) / stride) + 1;
		const k = c * kh * kw;
		const panels = Math.ceil((oh * ow) / 8);
		const x = randn(c * h * w, 3);
		const packed = ctx.arena.alloc(k * panels * 8 * 4);
		ctx.exports.im2colPack(put(x), packed, c, h, w, kh, kw, stride, pad, oh, ow, 0, panels);
		const got = ctx.f32(packed, k * panels * 8);
		for (let pixel = 0; pixel < panels * 8; pixel++) {
			const [oy, ox] = [Math.floor(pixel / ow), pixel % ow];
			for (let ci = 0; ci < c; ci++)
				for (let ky = 0; ky < kh; ky++)
					for (let kx = 0; kx < kw; kx++) {
						const [iy, ix] = [oy * stride - pad + ky, ox * stride - pad + kx];
						const inside = pixel < oh * ow && iy >= 0 && iy < h && ix >= 0 && ix < w;
						const kk = (ci * kh + ky) * kw + kx;
						expect(got[(Math.floor(pixel / 8) * k + kk) * 8 + (pixel % 8)]).toBe(inside ? x[(ci * h + iy) * w + ix] : 0);
					}
		}
	});
});

describe('ThreadPool', () => {
	it('shares the chunks of a job between the calling thread and its helper', async () => {
		await build();
		const module = await WebAssembly.compile(await readFile(outputFile('threads')));
		const ctx = await WasmContext.create(module, 2, await nodeThreadSpawner());
		try {
			const n = 256;
			const [a, out] = [ctx.arena.alloc(n * n * 4), ctx.arena.alloc(n * n * 4)];
			ctx.f32(a, n * n).set(randn(n * n, 4));
			const rows = splitRange(n, 8).map(([i0, i1]) => [a, a, out, n, n, n, i0, i1]);
			// The helper may be asleep when a job is posted; within a few jobs it takes its part.
			for (let job = 0; job < 200 && ctx.pool!.runCounts[1] === 0; job++) ctx.parallel('matmulBTRows', rows);
			const [caller, helper] = ctx.pool!.runCounts;
			expect(helper).toBeGreaterThan(0);
			expect((caller + helper) % rows.length).toBe(0);
		} finally {
			ctx.dispose();
		}
	});
});
