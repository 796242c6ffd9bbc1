import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kernelCases } from '$lib/kernels/cases';
import { runCase } from '$lib/kernels/selftest';
import type { KernelProvider } from '$lib/kernels/types';
import { createWasmProvider } from '$lib/kernels/wasm/provider';
import { build, outputFile } from '../../scripts/assets/10-wasm-kernels.mjs';
import { nodeThreadSpawner } from './helpers/wasm-threads';

const compiled = async (name: string) => WebAssembly.compile(await readFile(outputFile(name)));

const variants = [
	{ name: 'SIMD', build: 'simd', simd: true, threads: 1 },
	{ name: 'scalar', build: 'scalar', simd: false, threads: 1 },
	{ name: 'SIMD on 2 threads', build: 'threads', simd: true, threads: 2 }
];

beforeAll(() => build(), 120_000);

for (const v of variants) {
	describe(`WebAssembly ${v.name}: the whole correctness table`, () => {
		let provider: KernelProvider;
		beforeAll(async () => {
			provider = await createWasmProvider({
				simd: v.simd,
				threads: v.threads,
				module: await compiled(v.build),
				spawnThread: v.threads > 1 ? await nodeThreadSpawner() : undefined
			});
		});
		afterAll(() => provider?.dispose());

		it.each(kernelCases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
			const outcome = await runCase(provider, c);
			expect(outcome.message).toBeNull();
			expect(outcome.passed).toBe(true);
		});
	});
}

describe('WebAssembly provider lifecycle', () => {
	it('says what is wrong with bad inputs and refuses work once shut down', async () => {
		const provider = await createWasmProvider({ simd: true, threads: 1, module: await compiled('simd') });
		expect(provider.label).toBe('WebAssembly SIMD, 1 thread');
		const m = (r: number, c: number) => ({ shape: [r, c], data: new Float32Array(r * c).fill(1) });
		await expect(provider.prepare('matmul', [m(2, 3), m(4, 2)], {})).rejects.toThrow('matmul: inner sizes differ (3 vs 4)');
		const op = await provider.prepare('matmul', [m(2, 3), m(3, 2)], {});
		await expect(op.upload([new Float32Array(5), new Float32Array(6)])).rejects.toThrow('input 0 has 5 values, expected 6');
		await op.run();
		expect(Array.from(await op.read())).toEqual([3, 3, 3, 3]);
		op.dispose();
		provider.dispose();
		await expect(provider.prepare('add', [m(1, 1), m(1, 1)], {})).rejects.toThrow('the backend was shut down');
		await expect(op.run()).rejects.toThrow('the backend was shut down');
	});
});
