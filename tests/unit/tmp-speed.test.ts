import { readFile } from 'node:fs/promises';
import { it } from 'vitest';
import { caseInputs } from '$lib/kernels/cases';
import { createWasmProvider } from '$lib/kernels/wasm/provider';
import { outputFile } from '../../scripts/assets/10-wasm-kernels.mjs';

it('speed', async () => {
	for (const build of ['simd', 'scalar']) {
		const p = await createWasmProvider({ simd: build === 'simd', threads: 1, module: await WebAssembly.compile(await readFile(outputFile(build))) });
		for (const [op, shapes] of [
			['mlp', [[1, 784], [784, 128], [128], [128, 10], [10]]],
			['mlp', [[8, 784], [784, 128], [128], [128, 10], [10]]],
			['mlp', [[16, 784], [784, 128], [128], [128, 10], [10]]],
			['matmul', [[100, 100], [100, 100]]],
			['add', [[100, 100], [100, 100]]],
			['sum', [[100, 100]]],
			['gelu', [[100000]]],
			['softmax', [[100, 1000]]],
			['cnn', [[1, 3, 32, 32], [32, 3, 3, 3], [32], [64, 32, 3, 3], [64], [4096, 128], [128], [128, 10], [10]]]
		] as const) {
			const inputs = caseInputs({ op, shapes: shapes as unknown as number[][], seed: 1 });
			const prep = await p.prepare(op, inputs, {} as never);
			for (let i = 0; i < 50; i++) await prep.run();
			let best = 1e9;
			for (let r = 0; r < 30; r++) {
				const t = performance.now();
				for (let i = 0; i < 10; i++) await prep.run();
				best = Math.min(best, (performance.now() - t) / 10);
			}
			console.log(build, op, JSON.stringify(shapes[0]), (best * 1000).toFixed(1), 'µs');
			prep.dispose();
		}
		p.dispose();
	}
});
