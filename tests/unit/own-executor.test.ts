import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareGraph } from '$lib/inference/own/executor';
import { planGraph, unsupportedOps, type GraphPlan } from '$lib/inference/own/plan';
import { openOwnModel } from '$lib/inference/own/runner';
import { buildModel, type GraphSpec } from '$lib/inference/onnx-build';
import { readOnnx, type OnnxModel } from '$lib/inference/onnx-read';
import { createJsProvider } from '$lib/kernels/js/provider';
import { randn } from '$lib/kernels/random';
import type { KernelProvider, OpChain } from '$lib/kernels/types';
import { createWasmProvider } from '$lib/kernels/wasm/provider';
import { decodeDataset, floatSamples } from '$lib/models/dataset';
import { cnnNet, mlpNet, type Net } from '$lib/models/train/nets';
import { Tape, valueOf } from '$lib/models/train/tape';
import { modelsManifestSchema } from '$lib/schemas/models';
import { build, outputFile } from '../../scripts/assets/10-wasm-kernels.mjs';

const file = (name: string) => readFile(`static/models/${name}`);
const manifest = modelsManifestSchema.parse(JSON.parse((await file('manifest.json')).toString()));

/** The training code's float64 forward pass with the weights read from the .onnx file, then softmax: an independent reference. */
function referenceProbs(net: Net, model: OnnxModel, x: Float32Array, shape: number[]): Float64Array {
	for (const [name, p] of Object.entries(net.params)) p.data.set(model.initializers.get(name)!.data as Float32Array);
	const logits = net.forward(new Tape(), valueOf(shape, Float64Array.from(x), false));
	const k = logits.shape[1];
	const out = new Float64Array(logits.data.length);
	for (let r = 0; r < shape[0]; r++) {
		const row = logits.data.subarray(r * k, (r + 1) * k);
		const max = Math.max(...row);
		const total = row.reduce((s, v) => s + Math.exp(v - max), 0);
		row.forEach((v, j) => (out[r * k + j] = Math.exp(v - max) / total));
	}
	return out;
}

const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);

const shipped = [
	{ id: 'tiny-digits-mlp', net: () => mlpNet(0), sample: [64], ops: ['matmul', 'add', 'relu', 'matmul', 'add', 'softmax'] },
	{ id: 'tiny-shapes-cnn', net: () => cnnNet(0), sample: [3, 32, 32], ops: ['conv2d', 'relu', 'maxpool2d', 'conv2d', 'relu', 'maxpool2d', 'matmul', 'add', 'softmax'] }
];

let wasm: KernelProvider;
beforeAll(async () => {
	await build();
	wasm = await createWasmProvider({ simd: true, threads: 1, module: await WebAssembly.compile(await readFile(outputFile('simd'))) });
}, 120_000);
afterAll(() => wasm?.dispose());

describe('own-kernel executor on the shipped models', () => {
	for (const s of shipped) {
		const entry = manifest.models.find((m) => m.id === s.id)!;
		it(`${s.id}: plans to our kernels and agrees with the float64 forward pass on JS and WASM`, async () => {
			const model = readOnnx(await file(entry.file));
			const evalSet = decodeDataset(await file(`${entry.eval_set}.bin`));
			const planned = planGraph(model, [4, ...s.sample]);
			expect(planned.ok).toBe(true);
			const plan = (planned as { plan: GraphPlan }).plan;
			expect(plan.steps.filter((x) => x.kind === 'kernel').map((x) => (x.kind === 'kernel' ? x.op : ''))).toEqual(s.ops);
			expect(plan.output.shape).toEqual([4, 10]);
			const x = floatSamples(evalSet, 0, 4);
			const want = referenceProbs(s.net(), model, x, [4, ...s.sample]);
			for (const provider of [createJsProvider(), wasm]) {
				const graph = await prepareGraph(provider, plan);
				expect(maxDiff(await graph.run(x), want), provider.label).toBeLessThan(1e-5);
				graph.dispose();
			}
		});

		it(`${s.id}: reaches the accuracy the training script reported, in batches with a padded last one`, async () => {
			const model = readOnnx(await file(entry.file));
			const evalSet = decodeDataset(await file(`${entry.eval_set}.bin`));
			const runner = await openOwnModel(wasm, model, { sampleShape: s.sample, batched: true }, 32);
			const n = evalSet.labels.length;
			let correct = 0;
			for (let at = 0; at < n; at += 32) {
				const count = Math.min(32, n - at);
				const out = await runner.run(floatSamples(evalSet, at, count), count);
				expect(out.length).toBe(count * 10);
				for (let r = 0; r < count; r++) {
					const row = Array.from(out.subarray(r * 10, r * 10 + 10));
					if (row.indexOf(Math.max(...row)) === evalSet.labels[at + r]) correct++;
				}
			}
			runner.dispose();
			expect(Math.abs(correct / n - entry.accuracy)).toBeLessThanOrEqual(0.005);
		});
	}
});

describe('own-kernel executor on a provider that chains ops on its device', () => {
	it('hands over the whole graph once, then runs it as one op: one upload, one run, one read', async () => {
		const entry = manifest.models.find((m) => m.id === 'tiny-digits-mlp')!;
		const planned = planGraph(readOnnx(await file(entry.file)), [1, 64]);
		const plan = (planned as { plan: GraphPlan }).plan;
		const calls: string[] = [];
		let given: OpChain | null = null;
		let uploaded: Float32Array = new Float32Array();
		const chaining: KernelProvider = {
			...createJsProvider(),
			prepare: () => Promise.reject(new Error('a chaining provider is not asked op by op')),
			async prepareChain(chain) {
				given = chain;
				return {
					outputShape: chain.output.shape,
					upload: async ([d]) => void (calls.push('upload'), (uploaded = d)),
					run: async () => (calls.push('run'), { kernelMs: null }),
					read: async () => (calls.push('read'), uploaded.map((v) => 2 * v)),
					dispose: () => void calls.push('dispose')
				};
			}
		};
		const graph = await prepareGraph(chaining, plan);
		expect(given).toBe(plan);
		const x = Float32Array.from({ length: 64 }, (_, i) => i);
		expect(Array.from(await graph.run(x))).toEqual(Array.from(x, (v) => 2 * v));
		expect(calls).toEqual(['upload', 'run', 'read']);
		await expect(graph.run(new Float32Array(3))).rejects.toThrow('the graph was prepared for [1,64]');
		graph.dispose();
		expect(calls.at(-1)).toBe('dispose');
	});
});

const tiny = (nodes: GraphSpec['nodes'], extra: Partial<GraphSpec> = {}, inputShape = [2, 3]) =>
	readOnnx(buildModel({ name: 't', inputs: [{ name: 'x', shape: inputShape }], outputs: [{ name: 'y', shape: [] }], nodes, ...extra }));

describe('planning ONNX graphs for the own kernels', () => {
	it('names every unsupported op once', () => {
		const m = tiny([
			{ op: 'Sigmoid', inputs: ['x'], outputs: ['a'] },
			{ op: 'Relu', inputs: ['a'], outputs: ['b'] },
			{ op: 'Sigmoid', inputs: ['b'], outputs: ['c'] },
			{ op: 'BatchNormalization', inputs: ['c', 's', 'b', 'm', 'v'], outputs: ['y'] }
		]);
		expect(unsupportedOps(m)).toEqual(['Sigmoid', 'BatchNormalization']);
		expect(planGraph(m, [2, 3])).toEqual({ ok: false, unsupportedOps: ['Sigmoid', 'BatchNormalization'], problems: [] });
	});

	it('explains unsupported attributes in a sentence', () => {
		const w = { name: 'w', shape: [4, 1, 3, 3], data: new Float32Array(36) };
		const m = tiny([{ op: 'Conv', inputs: ['x', 'w'], outputs: ['y'], attributes: { group: 2 } }], { initializers: [w] }, [1, 2, 8, 8]);
		const r = planGraph(m, [1, 2, 8, 8]);
		expect(r.ok === false && r.problems[0]).toMatch(/Conv node "Conv_0": group = 2 \(grouped or depthwise convolution\) is not supported/);
		const pool = tiny([{ op: 'MaxPool', inputs: ['x'], outputs: ['y'], attributes: { kernel_shape: [2, 3] } }], {}, [1, 1, 6, 6]);
		const rp = planGraph(pool, [1, 1, 6, 6]);
		expect(rp.ok === false && rp.problems[0]).toMatch(/window 2×3 is not square/);
	});

	it('folds Gemm alpha/beta and broadcast biases, reshapes with 0 and -1, and matches the references', async () => {
		const k = 5;
		const w = randn(k * 3, 1);
		const c = randn(3, 2);
		const m = tiny(
			[
				{ op: 'Reshape', inputs: ['x', 'shape'], outputs: ['x2'] },
				{ op: 'Gemm', inputs: ['x2', 'w', 'c'], outputs: ['g'], attributes: { transB: 1, alpha: { float: 0.5 }, beta: { float: 2 } } },
				{ op: 'Add', inputs: ['bias', 'g'], outputs: ['y'] }
			],
			{
				initializers: [
					{ name: 'shape', shape: [2], data: BigInt64Array.from([0n, -1n]) },
					{ name: 'w', shape: [3, k], data: w },
					{ name: 'c', shape: [3], data: c },
					{ name: 'bias', shape: [1, 3], data: Float32Array.from([1, 2, 3]) }
				]
			},
			[2, 1, k]
		);
		const planned = planGraph(m, [2, 1, k]);
		if (!planned.ok) throw new Error(planned.problems.join(' '));
		expect(planned.plan.output.shape).toEqual([2, 3]);
		const x = randn(2 * k, 3);
		const graph = await prepareGraph(createJsProvider(), planned.plan);
		const got = await graph.run(x);
		const want = [0, 1].flatMap((r) => [0, 1, 2].map((j) => 0.5 * [...Array(k).keys()].reduce((s, i) => s + x[r * k + i] * w[j * k + i], 0) + 2 * c[j] + (j + 1)));
		expect(maxDiff(got, want)).toBeLessThan(1e-5);
	});

	it('runs MatMul on [..., K] inputs and refuses broadcasting between two computed tensors', () => {
		const m = tiny([{ op: 'MatMul', inputs: ['x', 'w'], outputs: ['y'] }], { initializers: [{ name: 'w', shape: [3, 4], data: randn(12, 5) }] }, [2, 5, 3]);
		const r = planGraph(m, [2, 5, 3]);
		expect(r.ok && r.plan.output.shape).toEqual([2, 5, 4]);
		const add = tiny([
			{ op: 'ReduceSum', inputs: ['x'], outputs: ['s'] },
			{ op: 'Add', inputs: ['x', 's'], outputs: ['y'] }
		]);
		expect(unsupportedOps(add)).toEqual(['ReduceSum']);
		const softmax = tiny([{ op: 'Softmax', inputs: ['x'], outputs: ['y'], attributes: { axis: 0 } }]);
		const rs = planGraph(softmax, [2, 3]);
		expect(rs.ok === false && rs.problems[0]).toMatch(/softmax over axis 0 of \[2,3\]; the own kernels take it over the last axis/);
	});
});
