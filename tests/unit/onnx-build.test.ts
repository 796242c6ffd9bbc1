import { onnx } from 'onnx-proto';
import { describe, expect, it } from 'vitest';
import { buildModel, IR_VERSION, matmulModel, OPSET } from '../../src/lib/inference/onnx-build';

const decode = (bytes: Uint8Array) =>
	onnx.ModelProto.toObject(onnx.ModelProto.decode(bytes), { longs: Number, bytes: Array, defaults: false }) as {
		irVersion: number;
		opsetImport: { domain: string; version: number }[];
		graph: {
			input: { name: string; type: { tensorType: { elemType: number; shape: { dim: { dimValue?: number; dimParam?: string }[] } } } }[];
			output: { name: string; type: { tensorType: { shape: { dim: { dimValue?: number }[] } } } }[];
			node: { opType: string; input: string[]; output: string[]; attribute?: { name: string; type: number; i?: number; f?: number; ints?: number[] }[] }[];
			initializer?: { name: string; dims: number[]; dataType: number; rawData: number[] }[];
		};
	};

const dims = (v: { type: { tensorType: { shape: { dim: { dimValue?: number; dimParam?: string }[] } } } }) =>
	v.type.tensorType.shape.dim.map((d) => d.dimValue ?? d.dimParam);

describe('matmulModel', () => {
	it('decodes to one MatMul node with A[M,K] and B[K,N] as graph inputs', () => {
		const model = decode(matmulModel(7, 13, 5));
		expect(model.irVersion).toBe(IR_VERSION);
		expect(model.opsetImport).toEqual([{ domain: '', version: OPSET }]);
		expect(model.graph.input.map((i) => i.name)).toEqual(['A', 'B']);
		expect(model.graph.input.map(dims)).toEqual([
			[7, 13],
			[13, 5]
		]);
		expect(model.graph.input.every((i) => i.type.tensorType.elemType === onnx.TensorProto.DataType.FLOAT)).toBe(true);
		expect(model.graph.output.map((o) => [o.name, dims(o)])).toEqual([['C', [7, 5]]]);
		expect(model.graph.node).toEqual([{ opType: 'MatMul', name: 'MatMul_0', input: ['A', 'B'], output: ['C'] }]);
		expect(model.graph.initializer ?? []).toEqual([]);
	});

	it('builds a different model for a different size', () => {
		expect(matmulModel(64, 64, 64)).not.toEqual(matmulModel(65, 64, 64));
	});
});

describe('buildModel', () => {
	it('stores initializers as raw little-endian data and types attributes', () => {
		const bytes = buildModel({
			name: 'gemm',
			inputs: [{ name: 'x', shape: ['batch', 2] }],
			outputs: [{ name: 'y', shape: ['batch', 3] }],
			initializers: [
				{ name: 'w', shape: [3, 2], data: Float32Array.from([1, 2, 3, 4, 5, 6]) },
				{ name: 'b', shape: [3], data: Float32Array.from([0.5, -1, 2]) }
			],
			nodes: [{ op: 'Gemm', inputs: ['x', 'w', 'b'], outputs: ['y'], attributes: { transB: 1, alpha: { float: 0.5 } } }]
		});
		const model = decode(bytes);
		expect(dims(model.graph.input[0])).toEqual(['batch', 2]);
		const [w, b] = model.graph.initializer!;
		expect([w.name, w.dims, w.dataType]).toEqual(['w', [3, 2], onnx.TensorProto.DataType.FLOAT]);
		expect(Array.from(new Float32Array(Uint8Array.from(w.rawData).buffer))).toEqual([1, 2, 3, 4, 5, 6]);
		expect(Array.from(new Float32Array(Uint8Array.from(b.rawData).buffer))).toEqual([0.5, -1, 2]);
		const attrs = model.graph.node[0].attribute!;
		expect(attrs).toEqual([
			{ name: 'transB', type: onnx.AttributeProto.AttributeType.INT, i: 1 },
			{ name: 'alpha', type: onnx.AttributeProto.AttributeType.FLOAT, f: 0.5 }
		]);
	});

	it('refuses an initializer whose data does not fill its shape', () => {
		expect(() =>
			buildModel({
				name: 'bad',
				inputs: [],
				outputs: [],
				nodes: [],
				initializers: [{ name: 'w', shape: [2, 2], data: new Float32Array(3) }]
			})
		).toThrow(/shape \[2,2\] needs 4 values, got 3/);
	});
});
