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
