import { readFile } from 'node:fs/promises';
import { onnx } from 'onnx-proto';
import { describe, expect, it } from 'vitest';
import { readOnnx, parameterCount } from '$lib/inference/onnx-read';
import { buildShippedModels, evalSets } from '$lib/models/build';
import { sha256Hex } from '$lib/models/hash';
import { decodeDataset, encodeDataset, floatSamples } from '$lib/models/dataset';
import { tinyDigits } from '$lib/models/digits';
import { tinyShapes } from '$lib/models/shapes';
import { modelsManifestSchema } from '$lib/schemas/models';

const file = (name: string) => readFile(`static/models/${name}`);
const bytesOf = (b: Buffer) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

describe('procedural data sets', () => {
	it('tiny digits: the same seed gives the same bytes (hash pinned), another seed other bytes', async () => {
		const a = tinyDigits({ count: 200, seed: 99 });
		expect(a.sampleShape).toEqual([64]);
		expect(Array.from(a.labels.subarray(0, 12))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1]);
		const hash = await sha256Hex(encodeDataset(a));
		expect(await sha256Hex(encodeDataset(tinyDigits({ count: 200, seed: 99 })))).toBe(hash);
		expect(await sha256Hex(encodeDataset(tinyDigits({ count: 200, seed: 98 })))).not.toBe(hash);
		expect(hash).toBe('e2287ecae362087440b51e27cad4d0a3fb1ea22e7e75b5eacdf37418ee6e6e77');
	});

	it('tiny shapes: CIFAR-shaped, seeded, hash pinned', async () => {
		const s = tinyShapes({ count: 20, seed: 5 });
		expect(s.sampleShape).toEqual([3, 32, 32]);
		expect(s.pixels.length).toBe(20 * 3072);
		expect(await sha256Hex(encodeDataset(s))).toBe('872f169e4d52a61daf2580bbfedaebccf9f24db1ca18b621064c8c3fbee8be4f');
	});

	it('the binary form round-trips and refuses anything else with a sentence', () => {
		const d = tinyDigits({ count: 3, seed: 1 });
		const back = decodeDataset(encodeDataset(d));
		expect(back).toEqual(d);
		expect(floatSamples(back, 1, 1)).toEqual(Float32Array.from(d.pixels.subarray(64, 128), (v) => v / 255));
		expect(() => decodeDataset(new TextEncoder().encode('{"x": 1}'))).toThrow('This is not a Tito Web data set file: it does not start with TTDS.');
		expect(() => decodeDataset(encodeDataset(d).subarray(0, 100))).toThrow(/should hold 211 bytes, it holds 100/);
	});
});

describe('the shipped files', () => {
	it('are what the manifest says, each model under 2 MB, and the eval sets are what the generators make', async () => {
		const manifest = modelsManifestSchema.parse(JSON.parse((await file('manifest.json')).toString()));
		for (const entry of [...manifest.models, ...manifest.datasets]) {
			const bytes = bytesOf(await file(entry.file));
			expect(bytes.length, entry.file).toBe(entry.bytes);
			expect(await sha256Hex(bytes), entry.file).toBe(entry.sha256);
		}
		for (const m of manifest.models) {
			expect(m.bytes).toBeLessThan(2 * 1024 * 1024);
			expect(m.accuracy, `${m.id} is well above chance`).toBeGreaterThan(0.8);
			expect(parameterCount(readOnnx(bytesOf(await file(m.file))))).toBe(m.parameter_count);
		}
		expect(await sha256Hex(encodeDataset(evalSets.digits()))).toBe(manifest.datasets.find((d) => d.id === 'tiny-digits-eval')!.sha256);
		expect(await sha256Hex(encodeDataset(evalSets.shapes()))).toBe(manifest.datasets.find((d) => d.id === 'tiny-shapes-eval')!.sha256);
		expect(manifest.datasets.find((d) => d.id === 'tiny-digits-eval')!.count).toBe(1000);
	});

	it('the builder gives identical bytes when run again (a few training steps here; npm run models -- --check does the full run)', async () => {
		const first = await buildShippedModels({ maxSteps: 2, trainCount: 64 });
		const second = await buildShippedModels({ maxSteps: 2, trainCount: 64 });
		expect([...first.files.keys()].sort()).toEqual(['manifest.json', 'tiny-digits-eval.bin', 'tiny-digits-mlp.onnx', 'tiny-shapes-cnn.onnx', 'tiny-shapes-eval.bin']);
		for (const [name, bytes] of first.files) expect(Buffer.from(second.files.get(name)!).equals(Buffer.from(bytes)), name).toBe(true);
		// Round trip: the model decodes to the graph the builder described, weights included.
		const mlp = onnx.ModelProto.decode(first.files.get('tiny-digits-mlp.onnx')!);
		expect(mlp.graph!.node!.map((n) => n.opType)).toEqual(['Gemm', 'Relu', 'Gemm', 'Softmax']);
		const read = readOnnx(first.files.get('tiny-shapes-cnn.onnx')!);
		expect(read.nodes.map((n) => n.op)).toEqual(['Conv', 'Relu', 'MaxPool', 'Conv', 'Relu', 'MaxPool', 'Flatten', 'Gemm', 'Softmax']);
		expect(read.inputs).toEqual([{ name: 'x', type: 'float32', shape: ['batch', 3, 32, 32] }]);
		expect(read.nodes[0].attributes).toEqual({ kernel_shape: [3, 3], pads: [1, 1, 1, 1], strides: [1, 1] });
		expect(read.initializers.get('cw1')!.shape).toEqual([8, 3, 3, 3]);
		expect(first.manifest.models.map((m) => m.train.steps)).toEqual([2, 2]);
	}, 60_000);
});
