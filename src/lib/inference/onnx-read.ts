import { onnx } from 'onnx-proto';

/**
 * Reads .onnx bytes into plain data: the graph's inputs, outputs, nodes and constant
 * tensors. Anything that cannot be read comes back as an OnnxReadError with a sentence
 * a student can act on (a corrupt file, a file that is not ONNX, weights kept outside).
 */
export class OnnxReadError extends Error {}

export type Dim = number | string | null;

export interface OnnxValue {
	name: string;
	/** e.g. float32, int64; `unknown` when the file does not say. */
	type: string;
	/** null: the file gives no shape at all. A string is a named (dynamic) size, null an unnamed one. */
	shape: Dim[] | null;
}

export interface OnnxTensor {
	name: string;
	shape: number[];
	type: string;
	/** float32 and int64 are read; other types are kept as null (ops using them are not run on own kernels). */
	data: Float32Array | BigInt64Array | null;
}

export type OnnxAttribute = number | number[] | string | string[] | OnnxTensor | null;

export interface OnnxNode {
	name: string;
	op: string;
	domain: string;
	inputs: string[];
	outputs: string[];
	attributes: Record<string, OnnxAttribute>;
}

export interface OnnxModel {
	irVersion: number;
	/** The default-domain (ai.onnx) opset; null when the file imports none. */
	opset: number | null;
	opsets: { domain: string; version: number }[];
	producer: string;
	graphName: string;
	/** Graph inputs that are not initializers: what the caller feeds. */
	inputs: OnnxValue[];
	outputs: OnnxValue[];
	nodes: OnnxNode[];
	initializers: Map<string, OnnxTensor>;
}

const T = onnx.TensorProto.DataType;
const TYPE_NAMES: Record<number, string> = {
	[T.FLOAT]: 'float32', [T.UINT8]: 'uint8', [T.INT8]: 'int8', [T.UINT16]: 'uint16', [T.INT16]: 'int16', [T.INT32]: 'int32',
	[T.INT64]: 'int64', [T.STRING]: 'string', [T.BOOL]: 'bool', [T.FLOAT16]: 'float16', [T.DOUBLE]: 'float64',
	[T.UINT32]: 'uint32', [T.UINT64]: 'uint64', [T.BFLOAT16]: 'bfloat16'
};
const typeName = (t: number | null | undefined) => (t ? (TYPE_NAMES[t] ?? `type ${t}`) : 'unknown');

type LongLike = number | { toNumber(): number } | null | undefined;
const num = (v: LongLike): number => (typeof v === 'number' ? v : v ? v.toNumber() : 0);

function tensorOf(t: onnx.ITensorProto): OnnxTensor {
	const name = t.name ?? '';
	const shape = (t.dims ?? []).map((d) => num(d as LongLike));
	const type = typeName(t.dataType);
	if (t.dataLocation === onnx.TensorProto.DataLocation.EXTERNAL) {
		throw new OnnxReadError(
			`The tensor "${name}" is stored in a separate file next to the model (ONNX external data), which a browser cannot open with it. Export the model with its weights inside the .onnx file (in PyTorch: keep it under 2 GB and do not pass external_data=True).`
		);
	}
	const count = shape.reduce((a, b) => a * b, 1);
	let data: OnnxTensor['data'] = null;
	// A fresh, aligned copy of raw_data (in Node a decoded bytes field is a view into a pooled Buffer).
	const raw = t.rawData && t.rawData.length ? new Uint8Array(t.rawData).buffer : null;
	if (type === 'float32') data = raw ? (raw.byteLength % 4 ? null : new Float32Array(raw)) : Float32Array.from(t.floatData ?? []);
	else if (type === 'int64') data = raw ? (raw.byteLength % 8 ? null : new BigInt64Array(raw)) : BigInt64Array.from((t.int64Data ?? []).map((v) => BigInt(num(v as LongLike))));
	if ((raw && !data && (type === 'float32' || type === 'int64')) || (data && data.length !== count)) throw new OnnxReadError(`The tensor "${name}" should hold ${count} values for its shape [${shape.join(', ')}] but holds ${data ? data.length : 'a cut-off amount'}: the file is damaged.`);
	return { name, shape, type, data };
}

function attributeOf(a: onnx.IAttributeProto): OnnxAttribute {
	const A = onnx.AttributeProto.AttributeType;
	const text = (b: Uint8Array | null | undefined) => new TextDecoder().decode(b ?? new Uint8Array());
	switch (a.type) {
		case A.FLOAT: return a.f ?? 0;
		case A.INT: return num(a.i as LongLike);
		case A.STRING: return text(a.s);
		case A.TENSOR: return a.t ? tensorOf(a.t) : null;
		case A.FLOATS: return [...(a.floats ?? [])];
		case A.INTS: return (a.ints ?? []).map((v) => num(v as LongLike));
		case A.STRINGS: return (a.strings ?? []).map(text);
		default: return null;
	}
}

function valueOf(v: onnx.IValueInfoProto): OnnxValue {
	const tensor = v.type?.tensorType;
	const shape = tensor?.shape ? (tensor.shape.dim ?? []).map((d) => (d.dimParam ? d.dimParam : d.dimValue != null && num(d.dimValue as LongLike) > 0 ? num(d.dimValue as LongLike) : null)) : null;
	return { name: v.name ?? '', type: tensor ? typeName(tensor.elemType) : 'not a tensor', shape };
}

/** Looks at the first bytes for common files that are not ONNX, to say what they are. */
function sniff(bytes: Uint8Array): string | null {
	const head = String.fromCharCode(...bytes.subarray(0, 8));
	if (head.startsWith('\x89PNG')) return 'a PNG image';
	if (head.startsWith('\xff\xd8\xff')) return 'a JPEG image';
	if (head.startsWith('PK\x03\x04')) return 'a zip archive (a .npz, .pt or .zip file?)';
	if (head.startsWith('%PDF')) return 'a PDF document';
	if (head.startsWith('\x93NUMPY')) return 'a NumPy array (.npy): it can be eval data, not the model';
	const sample = bytes.subarray(0, 256);
	const printable = sample.filter((b) => b === 9 || b === 10 || b === 13 || (b >= 32 && b < 127)).length;
	if (sample.length && printable === sample.length) return 'a text file';
	return null;
}

/** Decodes and checks the structure: a model with a graph, an IR version and an opset. */
export function readOnnx(bytes: Uint8Array): OnnxModel {
	if (!bytes.length) throw new OnnxReadError('The file is empty.');
	const what = sniff(bytes);
	if (what) throw new OnnxReadError(`This is not an ONNX model: it looks like ${what}. Choose the .onnx file your export wrote.`);
	let m: onnx.ModelProto;
	try {
		m = onnx.ModelProto.decode(bytes);
	} catch (err) {
		throw new OnnxReadError(`This file could not be read as an ONNX model (${(err as Error).message}): it is damaged or not ONNX. Export the model again, or check that the download finished.`);
	}
	const irVersion = num(m.irVersion as LongLike);
	if (!m.graph || !irVersion || !(m.graph.node ?? []).length) {
		throw new OnnxReadError('This file decodes, but holds no ONNX graph (no IR version or no nodes): it is not an ONNX model, or it is damaged.');
	}
	const opsets = (m.opsetImport ?? []).map((o) => ({ domain: o.domain ?? '', version: num(o.version as LongLike) }));
	const initializers = new Map<string, OnnxTensor>();
	for (const t of m.graph.initializer ?? []) initializers.set(t.name ?? '', tensorOf(t));
	return {
		irVersion,
		opset: opsets.find((o) => o.domain === '' || o.domain === 'ai.onnx')?.version ?? null,
		opsets,
		producer: [m.producerName, m.producerVersion].filter(Boolean).join(' '),
		graphName: m.graph.name ?? '',
		inputs: (m.graph.input ?? []).filter((i) => !initializers.has(i.name ?? '')).map(valueOf),
		outputs: (m.graph.output ?? []).map(valueOf),
		nodes: (m.graph.node ?? []).map((n, i) => ({
			name: n.name || `${n.opType}_${i}`,
			op: n.opType ?? '',
			domain: n.domain ?? '',
			inputs: [...(n.input ?? [])],
			outputs: [...(n.output ?? [])],
			attributes: Object.fromEntries((n.attribute ?? []).map((a) => [a.name ?? '', attributeOf(a)]))
		})),
		initializers
	};
}

/** Parameters: the values of every float constant of the graph. */
export const parameterCount = (m: OnnxModel) =>
	[...m.initializers.values()].filter((t) => t.type === 'float32' || t.type === 'float16' || t.type === 'float64').reduce((s, t) => s + t.shape.reduce((a, b) => a * b, 1), 0);
