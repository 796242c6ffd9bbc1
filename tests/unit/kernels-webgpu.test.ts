import { describe, expect, it } from 'vitest';
import { im2colPlan } from '$lib/kernels/conv2d/webgpu';
import { matmulTileBytes, matmulTiles, matmulWorkgroups, type MatmulTiles } from '$lib/kernels/matmul/webgpu';
import { sumPasses } from '$lib/kernels/sum/webgpu';
import { BufferPool, pooledSize } from '$lib/kernels/webgpu/buffers';
import { OP_NAMES } from '$lib/kernels/types';
import { GpuContext } from '$lib/kernels/webgpu/device';
import { dispatchGrid, elementGrid, MAX_WORKGROUPS_PER_DIM, rowLanes, THREADS } from '$lib/kernels/webgpu/grid';
import { webgpuKernels } from '$lib/kernels/webgpu/kernels';
import { pipelineKey, shader } from '$lib/kernels/webgpu/pipelines';
import { packUniform } from '$lib/kernels/webgpu/plan';
import { timestampDeltaMs } from '$lib/kernels/webgpu/timer';

// WebGPU's guaranteed minimums: what every tile must fit on any device.
const MIN_WORKGROUP_STORAGE = 16384;
const MIN_INVOCATIONS = 256;

it('every op has a WebGPU kernel', () => {
	expect(OP_NAMES.filter((op) => typeof webgpuKernels[op] !== 'function')).toEqual([]);
});

describe('dispatch grids', () => {
	it('one dimension while it fits, folded into x·y beyond 65535 workgroups', () => {
		expect(dispatchGrid(1)).toEqual([1, 1, 1]);
		expect(dispatchGrid(0)).toEqual([1, 1, 1]);
		expect(dispatchGrid(MAX_WORKGROUPS_PER_DIM)).toEqual([MAX_WORKGROUPS_PER_DIM, 1, 1]);
		for (const count of [65536, 100_000, 3 * 65535 + 1, 1e8]) {
			const [x, y] = dispatchGrid(count);
			expect(x).toBeLessThanOrEqual(MAX_WORKGROUPS_PER_DIM);
			expect(x * y).toBeGreaterThanOrEqual(count);
			// Not wasteful: dropping one row of x-workgroups would no longer cover the job.
			expect(x * (y - 1)).toBeLessThan(count);
		}
		expect(() => dispatchGrid(MAX_WORKGROUPS_PER_DIM ** 2 + 1)).toThrow(/more than the GPU can dispatch/);
	});

	it('one thread per element', () => {
		expect(elementGrid(1, THREADS)).toEqual([1, 1, 1]);
		expect(elementGrid(256, THREADS)).toEqual([1, 1, 1]);
		expect(elementGrid(257, THREADS)).toEqual([2, 1, 1]);
		expect(elementGrid(10_000, THREADS)).toEqual([40, 1, 1]);
	});

	it('row reductions get a power-of-two lane count near a quarter of the row', () => {
		expect([1, 3, 4, 5, 13, 16, 1000, 768, 1e6].map(rowLanes)).toEqual([1, 1, 1, 2, 4, 4, 256, 256, 256]);
		for (let d = 1; d < 5000; d += 37) {
			const lanes = rowLanes(d);
			expect(Math.log2(lanes) % 1).toBe(0);
			expect(lanes).toBeLessThanOrEqual(THREADS);
		}
	});
});

describe('matmul tiling plan', () => {
	const configs: MatmulTiles[] = [1, 4, 5, 16, 17, 1000].map(matmulTiles);

	it('every tile fits the memory and workgroup size every WebGPU device guarantees', () => {
		for (const t of configs) {
			expect(matmulTileBytes(t)).toBeLessThanOrEqual(MIN_WORKGROUP_STORAGE);
			expect(t.wgX * t.wgY).toBeLessThanOrEqual(MIN_INVOCATIONS);
		}
		expect(matmulTiles(1).wgY).toBe(1);
		expect(matmulTiles(1000)).toEqual({ wgX: 8, wgY: 8, tileK: 32 });
	});

	// Replays the shader's index arithmetic: invocation (lid.x, lid.y) of workgroup (wg.x, wg.y)
	// owns rows row0 + 4·lid.y + i and columns col0 + 4·lid.x + j.
	function coverage(m: number, n: number) {
		const t = matmulTiles(m);
		const [gx, gy] = matmulWorkgroups(m, n, 1, t);
		const hits = new Uint8Array(m * n);
		for (let wy = 0; wy < gy; wy++)
			for (let wx = 0; wx < gx; wx++)
				for (let ly = 0; ly < t.wgY; ly++)
					for (let lx = 0; lx < t.wgX; lx++)
						for (let i = 0; i < 4; i++)
							for (let j = 0; j < 4; j++) {
								const row = wy * 4 * t.wgY + ly * 4 + i;
								const col = wx * 4 * t.wgX + lx * 4 + j;
								if (row < m && col < n) hits[row * n + col]++;
							}
		return hits;
	}

	it.each([
		[1, 1], [7, 5], [65, 17], [130, 129], [127, 65], [13, 70], [1, 128], [256, 256]
	])('%i×%i: each output written by exactly one invocation', (m, n) => {
		expect(coverage(m, n).every((h) => h === 1)).toBe(true);
	});

	it('batches go to z; a product too large for one dispatch is refused in words', () => {
		expect(matmulWorkgroups(16, 16, 7, matmulTiles(16))[2]).toBe(7);
		expect(() => matmulWorkgroups(4, 4, 70_000, matmulTiles(4))).toThrow(/too large for one GPU dispatch/);
	});
});

describe('sum passes', () => {
	it('one pass for small inputs, a second over the partial sums beyond one workgroup', () => {
		expect(sumPasses(1)).toEqual([{ length: 1, groups: 1, lanes: 1 }]);
		expect(sumPasses(10_007)).toHaveLength(1);
		const two = sumPasses(70_000);
		expect(two.map((p) => p.groups)).toEqual([3, 1]);
		expect(two[1].length).toBe(3);
	});

	it('each pass reads what the previous one wrote and the last leaves one value', () => {
		for (const n of [1, 2, 1000, 32_768, 32_769, 70_000, 1e6, 1e8]) {
			const passes = sumPasses(n);
			expect(passes[0].length).toBe(n);
			for (let i = 1; i < passes.length; i++) expect(passes[i].length).toBe(passes[i - 1].groups);
			expect(passes.at(-1)!.groups).toBe(1);
			expect(passes.length).toBeLessThanOrEqual(3);
		}
	});
});

describe('conv2d as im2col + matmul', () => {
	it('unfolds to [C·KH·KW, OH·OW] per batch item', () => {
		const s = im2colPlan([2, 3, 9, 7], [5, 3, 3, 3], { stride: 2, padding: 0 });
		expect([s.oh, s.ow, s.rows, s.cols, s.identity]).toEqual([4, 3, 27, 12, false]);
		const same = im2colPlan([1, 3, 32, 32], [32, 3, 3, 3], { stride: 1, padding: 1 });
		expect([same.oh, same.ow]).toEqual([32, 32]);
	});

	it('a 1×1 kernel with stride 1 and no padding reads the input as it is', () => {
		expect(im2colPlan([1, 5, 6, 6], [3, 5, 1, 1], { stride: 1, padding: 0 }).identity).toBe(true);
		expect(im2colPlan([1, 5, 6, 6], [3, 5, 1, 1], { stride: 2, padding: 0 }).identity).toBe(false);
	});

	it('says what is wrong with mismatched shapes', () => {
		expect(() => im2colPlan([1, 4, 8, 8], [2, 3, 3, 3], { stride: 1, padding: 0 })).toThrow(/4 channels but the weights expect 3/);
		expect(() => im2colPlan([1, 3, 2, 2], [2, 3, 3, 3], { stride: 1, padding: 0 })).toThrow(/does not fit/);
	});
});

describe('pipelines, uniforms and buffers', () => {
	it('pipeline keys name shader, entry point and constants in a fixed order', () => {
		expect(pipelineKey('matmul', 'main', { WG_Y: 8, WG_X: 8 })).toBe(pipelineKey('matmul', 'main', { WG_X: 8, WG_Y: 8 }));
		expect(pipelineKey('matmul', 'main', { WG_X: 8 })).toBe('matmul#main(WG_X=8)');
		expect(pipelineKey('matmul', 'main', { TRANS_B: 1 })).not.toBe(pipelineKey('matmul', 'main', { TRANS_B: 0 }));
		expect(pipelineKey('elementwise', 'add')).not.toBe(pipelineKey('elementwise', 'mul'));
		expect(shader('softmax', 'fn a() {}', 'fn b() {}').code).toBe('fn a() {}\nfn b() {}');
	});

	it('uniforms: u32 fields, then f32 fields, padded to 16 bytes', () => {
		const data = packUniform([3, 768], [1e-5]);
		expect(data.byteLength).toBe(16);
		expect(Array.from(new Uint32Array(data, 0, 2))).toEqual([3, 768]);
		expect(new Float32Array(data)[2]).toBeCloseTo(1e-5, 10);
		expect(packUniform([1, 2, 3, 4, 5, 6], [0.5]).byteLength).toBe(32);
		expect(packUniform([]).byteLength).toBe(16);
	});

	it('buffers come in 256-byte steps and are never empty', () => {
		expect([0, 4, 256, 257, 40_000].map(pooledSize)).toEqual([256, 256, 256, 512, 40_192]);
	});
});

describe('GPU timing', () => {
	it('timestamp pairs in ns become ms; impossible pairs give no number', () => {
		expect(timestampDeltaMs(1_000_000n, 3_500_000n)).toBe(2.5);
		expect(timestampDeltaMs(5n, 5n)).toBe(0);
		expect(timestampDeltaMs(0n, 0n)).toBeNull();
		expect(timestampDeltaMs(10n, 5n)).toBeNull();
	});
});

/** Just enough of a GPUDevice for the context's failure handling; `lose()` plays a GPU reset. */
function fakeDevice() {
	let lose!: (info: GPUDeviceLostInfo) => void;
	const listeners: ((e: Event) => void)[] = [];
	const device = {
		limits: { maxStorageBufferBindingSize: 128 << 20 },
		lost: new Promise<GPUDeviceLostInfo>((resolve) => (lose = resolve)),
		addEventListener: (_: string, fn: (e: Event) => void) => listeners.push(fn),
		destroy: () => lose({ reason: 'destroyed', message: '' } as GPUDeviceLostInfo)
	};
	const raise = (message: string) => listeners.forEach((fn) => fn({ error: { message } } as unknown as Event));
	return { device: device as unknown as GPUDevice, lose: (message: string) => lose({ reason: 'unknown', message } as GPUDeviceLostInfo), raise };
}

describe('device failures become messages, never hangs', () => {
	it('a wait pending when the device is lost rejects with the reason', async () => {
		const fake = fakeDevice();
		const gpu = new GpuContext(fake.device, false, 'test');
		const never = gpu.guard(new Promise(() => {}));
		fake.lose('GPU reset');
		await expect(never).rejects.toThrow(/^The GPU device was lost \(unknown: GPU reset\)\. Reload the page/);
		expect(() => gpu.check()).toThrow(/device was lost/);
		await expect(gpu.guard(Promise.resolve(1))).rejects.toThrow(/device was lost/);
	});

	it('work that finishes resolves as usual', async () => {
		const gpu = new GpuContext(fakeDevice().device, false, 'test');
		await expect(gpu.guard(Promise.resolve(42))).resolves.toBe(42);
		await expect(gpu.guard(Promise.reject(new Error('map failed')))).rejects.toThrow('map failed');
		expect(() => gpu.check()).not.toThrow();
	});

	it('an uncaptured GPU error stops later work with its message', () => {
		const fake = fakeDevice();
		const gpu = new GpuContext(fake.device, false, 'test');
		fake.raise('Buffer is too small');
		expect(() => gpu.check()).toThrow('The GPU reported an error: Buffer is too small.');
	});

	it('after shut-down, work is refused plainly (and shutting down twice is harmless)', async () => {
		const gpu = new GpuContext(fakeDevice().device, false, 'test');
		gpu.destroy();
		gpu.destroy();
		expect(() => gpu.check()).toThrow(/WebGPU backend was shut down/);
	});
});

describe('the buffer pool counts the GPU memory it holds', () => {
	it('keeps the most bytes held at once, reused buffers not counted twice, destroyed ones given back', () => {
		const made: { size: number; usage: number; destroyed: boolean; destroy(): void }[] = [];
		const device = {
			limits: { maxStorageBufferBindingSize: 1 << 20 },
			createBuffer: ({ size, usage }: { size: number; usage: number }) => {
				const b = { size, usage, destroyed: false, destroy: () => (b.destroyed = true) };
				made.push(b);
				return b;
			}
		} as unknown as GPUDevice;
		const pool = new BufferPool(device, 1024);
		const a = pool.acquire(1000, 1, 'a');
		const b = pool.acquire(256, 1, 'b');
		expect(pool.peakBytes).toBe(1024 + 256);
		pool.release(a);
		expect(pool.acquire(1000, 1, 'again')).toBe(a);
		expect(pool.peakBytes).toBe(1280);
		pool.release(b);
		pool.release(a);
		// Over keepBytes: `a` is destroyed, so a new buffer afterwards does not raise the peak.
		expect(made[0].destroyed).toBe(true);
		pool.acquire(512, 2, 'c');
		expect(pool.peakBytes).toBe(1280);
	});
});
