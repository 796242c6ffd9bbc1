import { onnx } from 'onnx-proto';

/**
 * Builds ONNX models in JavaScript, so every model the app runs can be rebuilt from source.
 * A graph is described as plain data (inputs, outputs, nodes, initializers) and encoded
 * with onnx-proto; model builders (the MatMul benchmark model here, the shipped MLP and
 * CNN later) only describe their graph.
 */

/** IR version 8 (onnx 1.10, what onnx-proto encodes) with the default-domain opset below. */
export const IR_VERSION = 8;
export const OPSET = 17;
const PRODUCER = 'tito-web';

/** A dimension: a fixed size, or a name for a size chosen at run time (e.g. 'batch'). */
export type Dim = number | string;

export interface ValueSpec {
	name: string;
	shape: Dim[];
	/** float32 unless told. */
	type?: 'float32' | 'int64';
}

export type AttributeValue = number | number[] | string | { float: number } | { floats: number[] };

export interface NodeSpec {
	op: string;
	inputs: string[];
	outputs: string[];
	/** Integers (and integer lists) unless wrapped as `{ float }` / `{ floats }`, as ONNX attributes are typed. */
	attributes?: Record<string, AttributeValue>;
	name?: string;
}

/** A constant tensor stored in the model (weights, biases, shape vectors). */
export interface InitializerSpec {
	name: string;
	shape: number[];
	data: Float32Array | BigInt64Array;
}

export interface GraphSpec {
	name: string;
	inputs: ValueSpec[];
	outputs: ValueSpec[];
	nodes: NodeSpec[];
	initializers?: InitializerSpec[];
	docString?: string;
}

const ELEM_TYPE = { float32: onnx.TensorProto.DataType.FLOAT, int64: onnx.TensorProto.DataType.INT64 };

function valueInfo({ name, shape, type = 'float32' }: ValueSpec): onnx.IValueInfoProto {
	const dim = shape.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d }));
	return { name, type: { tensorType: { elemType: ELEM_TYPE[type], shape: { dim } } } };
}

function attribute(name: string, value: AttributeValue): onnx.IAttributeProto {
	const T = onnx.AttributeProto.AttributeType;
	if (typeof value === 'string') return { name, type: T.STRING, s: new TextEncoder().encode(value) };
	if (typeof value === 'number') {
		if (!Number.isInteger(value)) throw new Error(`Attribute ${name}=${value} is not an integer: pass { float: ${value} }.`);
		return { name, type: T.INT, i: value };
	}
	if (Array.isArray(value)) return { name, type: T.INTS, ints: value };
	if ('float' in value) return { name, type: T.FLOAT, f: value.float };
	return { name, type: T.FLOATS, floats: value.floats };
}

function node({ op, inputs, outputs, attributes = {}, name }: NodeSpec, index: number): onnx.INodeProto {
	return {
		name: name ?? `${op}_${index}`,
		opType: op,
		input: inputs,
		output: outputs,
		attribute: Object.entries(attributes).map(([k, v]) => attribute(k, v))
	};
}

function initializer({ name, shape, data }: InitializerSpec): onnx.ITensorProto {
	const count = shape.reduce((a, b) => a * b, 1);
	if (count !== data.length) throw new Error(`Initializer ${name}: shape [${shape}] needs ${count} values, got ${data.length}.`);
	// raw_data is little-endian, as typed arrays are on every platform browsers run on.
	const rawData = new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice();
	const dataType = data instanceof Float32Array ? ELEM_TYPE.float32 : ELEM_TYPE.int64;
	return { name, dims: shape, dataType, rawData };
}

/** Encodes a graph as the bytes of an .onnx file. */
export function buildModel(graph: GraphSpec, opset = OPSET): Uint8Array {
	const model: onnx.IModelProto = {
		irVersion: IR_VERSION,
		opsetImport: [{ domain: '', version: opset }],
		producerName: PRODUCER,
		docString: graph.docString,
		graph: {
			name: graph.name,
			input: graph.inputs.map(valueInfo),
			output: graph.outputs.map(valueInfo),
			node: graph.nodes.map(node),
			initializer: (graph.initializers ?? []).map(initializer)
		}
	};
	return onnx.ModelProto.encode(onnx.ModelProto.create(model)).finish();
}

/** C[M,N] = A[M,K]·B[K,N] as one MatMul node, both operands graph inputs (fed fresh on every run). */
export function matmulModel(m: number, k: number, n: number): Uint8Array {
	return buildModel({
		name: `matmul_${m}x${k}x${n}`,
		docString: 'Single-node MatMul for the Tito Web performance lab.',
		inputs: [
			{ name: 'A', shape: [m, k] },
			{ name: 'B', shape: [k, n] }
		],
		outputs: [{ name: 'C', shape: [m, n] }],
		nodes: [{ op: 'MatMul', inputs: ['A', 'B'], outputs: ['C'] }]
	});
}
