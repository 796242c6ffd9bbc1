import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildModel } from '$lib/inference/onnx-build';
import { randn } from '$lib/kernels/random';

/**
 * The .onnx files the browser tests drop on the Models page, rebuilt here from source so
 * the committed bytes are what this code makes (WRITE_FIXTURES=1 writes them).
 */
const FIXTURES: Record<string, () => Uint8Array> = {
	// A 64 → 16 → 10 net with a Sigmoid (no own kernel) and a dynamic feature axis (the page must ask for it).
	'sigmoid-mlp.onnx': () =>
		buildModel({
			name: 'sigmoid_mlp',
			inputs: [{ name: 'features', shape: ['batch', 'width'] }],
			outputs: [{ name: 'scores', shape: ['batch', 10] }],
			initializers: [
				{ name: 'w1', shape: [64, 16], data: randn(64 * 16, 31, 0.125) },
				{ name: 'b1', shape: [16], data: randn(16, 32, 0.1) },
				{ name: 'w2', shape: [16, 10], data: randn(160, 33, 0.25) },
				{ name: 'b2', shape: [10], data: randn(10, 34, 0.1) }
			],
			nodes: [
				{ op: 'Gemm', inputs: ['features', 'w1', 'b1'], outputs: ['h'] },
				{ op: 'Sigmoid', inputs: ['h'], outputs: ['a'] },
				{ op: 'Gemm', inputs: ['a', 'w2', 'b2'], outputs: ['scores'] }
			]
		})
};

describe('test fixtures', () => {
	for (const [name, make] of Object.entries(FIXTURES)) {
		it(`tests/fixtures/${name} is what its source builds`, () => {
			const path = `tests/fixtures/${name}`;
			if (process.env.WRITE_FIXTURES === '1') writeFileSync(path, make());
			expect(Buffer.from(make()).equals(readFileSync(path))).toBe(true);
		});
	}
});
