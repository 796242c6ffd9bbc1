import { strToU8, zipSync } from 'fflate';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { checkModel, checkSize, MAX_MODEL_BYTES, parseSampleShape } from '$lib/inference/check-model';
import { readEvalData } from '$lib/inference/eval-data';
import { buildModel, type GraphSpec } from '$lib/inference/onnx-build';

const mlp = new Uint8Array(await readFile('static/models/tiny-digits-mlp.onnx'));
const failure = (bytes: Uint8Array) => {
	const r = checkModel(bytes);
	if (r.ok) throw new Error('expected the check to fail');
	return r.message;
};
const model = (g: Partial<GraphSpec>, opset?: number) =>
	buildModel({ name: 'm', inputs: [{ name: 'x', shape: ['batch', 4] }], outputs: [{ name: 'y', shape: ['batch', 4] }], nodes: [{ op: 'Relu', inputs: ['x'], outputs: ['y'] }], ...g }, opset);

describe('checking a dropped model', () => {
	it('accepts a shipped model and reads its facts', () => {
		const r = checkModel(mlp);
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r.checked).toMatchObject({ inputName: 'x', inputShape: ['batch', 64], batched: true, sampleShape: [64], unsupportedOps: [], parameterCount: 2410 });
	});

	it('says what a file that is not ONNX is', () => {
		expect(failure(new Uint8Array())).toBe('The file is empty.');
		expect(failure(strToU8('{"model": "not really"}'))).toMatch(/^This is not an ONNX model: it looks like a text file\./);
		expect(failure(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]))).toMatch(/it looks like a PNG image/);
		expect(failure(zipSync({ 'a.npy': strToU8('x') }))).toMatch(/a zip archive/);
	});

	it('says when an ONNX file is damaged', () => {
		expect(failure(mlp.subarray(0, 3000))).toMatch(/could not be read as an ONNX model \(.+\): it is damaged or not ONNX/);
		const noise = Uint8Array.from({ length: 4096 }, (_, i) => (i * 2654435761) >>> 24);
		expect(failure(noise)).toMatch(/damaged|holds no ONNX graph/);
	});

	it('refuses opsets onnxruntime-web cannot run, several inputs and non-float inputs', () => {
		expect(failure(model({}, 99))).toMatch(/uses opset 99; onnxruntime-web here runs opsets 7–24/);
		expect(failure(model({}, 5))).toMatch(/uses opset 5/);
		expect(failure(model({ inputs: [{ name: 'a', shape: [1] }, { name: 'b', shape: [1] }] }))).toMatch(/has 2 inputs \(a, b\)/);
		expect(failure(model({ inputs: [{ name: 'ids', shape: ['batch', 8], type: 'int64' }] }))).toMatch(/input "ids" is int64; Tito Web feeds float32 inputs only/);
	});

	it('finds dynamic sizes to ask for, fixed batches, and the ops the own kernels lack', () => {
		const r = checkModel(model({ inputs: [{ name: 'x', shape: ['n', 3, 'h', 'w'] }], nodes: [{ op: 'Sigmoid', inputs: ['x'], outputs: ['y'] }] }));
		expect(r.ok && r.checked).toMatchObject({ batched: true, sampleShape: [3, null, null], unsupportedOps: ['Sigmoid'] });
		const fixed = checkModel(model({ inputs: [{ name: 'x', shape: [1, 4] }] }));
		expect(fixed.ok && fixed.checked).toMatchObject({ batched: false, sampleShape: [1, 4] });
		expect(fixed.ok && fixed.checked.notes[0]).toMatch(/first axis is fixed at 1/);
	});

	it('caps the size before reading, and checks a typed shape against the model', () => {
		expect(checkSize(MAX_MODEL_BYTES)).toBeNull();
		expect(checkSize(MAX_MODEL_BYTES + 1)).toMatch(/takes models up to 200\.0 MB/);
		expect(parseSampleShape('3, 32×32', [3, null, null])).toEqual({ shape: [3, 32, 32] });
		expect(parseSampleShape('3, 32', [3, null, null])).toEqual({ error: "The model's input has 3 axes per sample, not 2." });
		expect(parseSampleShape('4, 32, 32', [3, null, null])).toEqual({ error: 'Axis 1 is fixed at 3 in the model.' });
		expect(parseSampleShape('3, -1', null)).toMatchObject({ error: expect.stringMatching(/is not a shape/) });
	});
});

/** A .npy file as numpy.save writes it (format 1.0). */
function npy(descr: string, shape: number[], data: ArrayBufferView): Uint8Array {
	let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': (${shape.join(', ')}${shape.length === 1 ? ',' : ''}), }`;
	header += ' '.repeat(63 - ((header.length + 10) % 64)) + '\n';
	const out = new Uint8Array(10 + header.length + data.byteLength);
	out.set([0x93, ...strToU8('NUMPY'), 1, 0, header.length & 255, header.length >> 8]);
	out.set(strToU8(header), 10);
	out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), 10 + header.length);
	return out;
}

describe('reading eval data', () => {
	const x = Float32Array.from({ length: 6 }, (_, i) => i / 10);
	const y = BigInt64Array.from([1n, 0n, 2n]);

	it('reads .npy inputs with .npy labels, a .npz and JSON the same way', () => {
		const fromNpy = readEvalData([{ name: 'x_test.npy', bytes: npy('<f4', [3, 2], x) }, { name: 'y_test.npy', bytes: npy('<i8', [3], y) }]);
		expect(fromNpy).toMatchObject({ count: 3, sampleShape: [2], labels: Int32Array.from([1, 0, 2]) });
		expect(fromNpy.inputs).toEqual(x);
		const fromNpz = readEvalData([{ name: 'eval.npz', bytes: zipSync({ 'x.npy': npy('<f4', [3, 2], x), 'y.npy': npy('|u1', [3], Uint8Array.from([1, 0, 2])) }) }]);
		expect(fromNpz).toMatchObject({ count: 3, sampleShape: [2], labels: Int32Array.from([1, 0, 2]) });
		const fromJson = readEvalData([{ name: 'eval.json', bytes: strToU8(JSON.stringify({ inputs: [[0, 0.1], [0.2, 0.3], [0.4, 0.5]], labels: [1, 0, 2] })) }]);
		expect(fromJson.inputs).toEqual(x);
		expect(fromJson.labels).toEqual(Int32Array.from([1, 0, 2]));
		expect(readEvalData([{ name: 'x.npy', bytes: npy('<f4', [3, 2], x) }], 2)).toMatchObject({ count: 2, labels: null, source: 'x.npy (first 2 of 3 samples)' });
	});

	it('says what is wrong with data it cannot use', () => {
		const read = (files: { name: string; bytes: Uint8Array }[]) => () => readEvalData(files);
		expect(read([{ name: 'x.npy', bytes: strToU8('hello') }])).toThrow('x.npy: this is not a NumPy .npy array (save it with numpy.save).');
		expect(read([{ name: 'a.json', bytes: strToU8('{"inputs": [[1, 2], [3]]}') }])).toThrow('The JSON "inputs" must be a rectangular array of numbers.');
		expect(read([{ name: 'a.json', bytes: strToU8('{"inputs": [[1], [2]], "labels": [[0, 1], [1, 0]]}') }])).toThrow(/2 input samples but 4 labels/);
		expect(read([{ name: 'a.json', bytes: strToU8('{"inputs": [[1], [2]], "labels": [0.5, 1]}') }])).toThrow(/must be class numbers/);
		expect(read([{ name: 'x.npy', bytes: npy('<f4', [6], x) }])).toThrow(/the first axis must count the samples/);
		expect(read([{ name: 'x.npy', bytes: npy('<c8', [3, 1], x) }])).toThrow(/dtype <c8 is not a number type/);
		expect(read([{ name: 'data.csv', bytes: strToU8('1,2') }])).toThrow(/one .npz or .json file/);
	});
});
