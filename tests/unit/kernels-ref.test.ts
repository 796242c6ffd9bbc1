import { describe, expect, it } from 'vitest';
import { kernelCases, caseInputs } from '$lib/kernels/cases';
import { checkOutput } from '$lib/kernels/check';
import { createJsProvider } from '$lib/kernels/js/provider';
import { randn } from '$lib/kernels/random';
import { reference } from '$lib/kernels/registry';
import { runCase } from '$lib/kernels/selftest';
import { opCost } from '$lib/kernels/specs';
import type { Tensor } from '$lib/kernels/types';

const t = (shape: number[], values: number[]): Tensor => ({ shape, data: Float32Array.from(values) });
const values = (x: { data: ArrayLike<number> }) => Array.from(x.data);

describe('float64 references on hand-checked values', () => {
	it('elementwise, sum and gelu', () => {
		expect(values(reference('add', [t([3], [1, 2, 3]), t([3], [10, 20, 30])], {}))).toEqual([11, 22, 33]);
		expect(values(reference('mul', [t([2], [2, -3]), t([2], [4, 5])], {}))).toEqual([8, -15]);
		expect(values(reference('relu', [t([3], [-1, 0, 2])], {}))).toEqual([0, 0, 2]);
		expect(values(reference('sum', [t([2, 2], [1, 2, 3, 4])], {}))).toEqual([10]);
		const [g0, g1] = reference('gelu', [t([2], [0, 1])], {}).data;
		expect(g0).toBe(0);
		expect(g1).toBeCloseTo(0.841192, 5);
	});

	it('softmax is stable for large inputs and rows sum to one', () => {
		const out = reference('softmax', [t([1, 3], [1000, 1001, 1002])], {});
		expect(out.data[2]).toBeCloseTo(0.665241, 5);
		expect(out.data.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
	});

	it('layernorm normalises each row', () => {
		const out = reference('layernorm', [t([1, 4], [1, 2, 3, 4]), t([4], [1, 1, 1, 1]), t([4], [0, 0, 0, 0])], { eps: 0 });
		expect(values(out).map((v) => +v.toFixed(6))).toEqual([-1.341641, -0.447214, 0.447214, 1.341641]);
	});

	it('matmul and A·Bᵀ', () => {
		const a = t([2, 3], [1, 2, 3, 4, 5, 6]);
		expect(values(reference('matmul', [a, t([3, 2], [7, 8, 9, 10, 11, 12])], {}))).toEqual([58, 64, 139, 154]);
		expect(values(reference('matmulBT', [a, t([2, 3], [7, 9, 11, 8, 10, 12])], {}))).toEqual([58, 64, 139, 154]);
	});

	it('conv2d with padding and stride, and maxpool2d', () => {
		const x = t([1, 1, 3, 3], [1, 2, 3, 4, 5, 6, 7, 8, 9]);
		const ones = t([1, 1, 3, 3], new Array(9).fill(1));
		const out = reference('conv2d', [x, ones, t([1], [0.5])], { stride: 2, padding: 1 });
		expect(out.shape).toEqual([1, 1, 2, 2]);
		expect(values(out)).toEqual([12.5, 16.5, 24.5, 28.5]);
		const pooled = reference('maxpool2d', [t([1, 1, 2, 4], [1, 5, 2, 0, 3, 4, 9, 1])], { kernel: 2, stride: 2 });
		expect(values(pooled)).toEqual([5, 9]);
	});

	it('causal attention: the first position attends only to itself', () => {
		const q = t([1, 2, 1], [1, 1]);
		const v = t([1, 2, 1], [3, 7]);
		const out = reference('attention', [q, q, v], { causal: true });
		expect(out.data[0]).toBe(3);
		expect(out.data[1]).toBeCloseTo(5, 12);
	});

	it('mlp equals its layers', () => {
		const out = reference('mlp', [t([1, 2], [1, -1]), t([2, 2], [1, 2, 3, 4]), t([2], [0, 1]), t([2, 1], [1, 1]), t([1], [0.5])], {});
		// h = relu([1-3, 2-4+1]) = [0, 0]; out = 0 + 0.5
		expect(values(out)).toEqual([0.5]);
	});
});

describe('cost model', () => {
	it('counts 2·M·N·K for matmul and the CIFAR CNN output shape', () => {
		expect(opCost('matmul', [{ shape: [100, 100] }, { shape: [100, 100] }], {}).flops).toBe(2e6);
		const cnn = kernelCases.find((c) => c.op === 'cnn')!;
		expect(opCost('cnn', cnn.shapes.map((shape) => ({ shape })), {}).outputShape).toEqual([1, 10]);
	});
});

describe('check', () => {
	it('fails on a wrong element, a NaN and a wrong length', () => {
		const want = { shape: [2], data: Float64Array.of(1, 2) };
		expect(checkOutput([1, 2], want, { atol: 0, rtol: 0 }).passed).toBe(true);
		expect(checkOutput([1, 2.1], want, { atol: 0.01, rtol: 0 }).worst?.index).toBe(1);
		expect(checkOutput([NaN, 2], want, { atol: 1, rtol: 1 }).passed).toBe(false);
		expect(checkOutput([1], want, { atol: 1, rtol: 1 }).passed).toBe(false);
	});

	it('seeded inputs are reproducible', () => {
		expect(randn(5, 42)).toEqual(randn(5, 42));
		expect(randn(5, 42)).not.toEqual(randn(5, 43));
		expect(caseInputs(kernelCases[1])[0].data).toEqual(caseInputs(kernelCases[1])[0].data);
	});
});

describe('plain JavaScript backend', () => {
	it.each(kernelCases.map((c) => [c.name, c] as const))('%s matches the reference', async (_name, c) => {
		const outcome = await runCase(createJsProvider(), c);
		expect(outcome.message).toBeNull();
		expect(outcome.passed).toBe(true);
	});
});
