import { unzipSync } from 'fflate';

/**
 * Eval data a student brings for a dropped model: NumPy .npy (inputs, or labels), a .npz
 * holding both, or JSON `{ "inputs": [...], "labels": [...] }`. Read into float32 inputs
 * and integer labels; every problem is a sentence.
 */
export interface EvalData {
	inputs: Float32Array;
	/** Samples (the first axis). */
	count: number;
	/** One sample's shape. */
	sampleShape: number[];
	labels: Int32Array | null;
	source: string;
}

export class EvalDataError extends Error {}

interface NdArray {
	shape: number[];
	data: Float64Array;
}

const DTYPES: Record<string, { bytes: number; read: (v: DataView, at: number, little: boolean) => number }> = {
	f4: { bytes: 4, read: (v, at, le) => v.getFloat32(at, le) },
	f8: { bytes: 8, read: (v, at, le) => v.getFloat64(at, le) },
	u1: { bytes: 1, read: (v, at) => v.getUint8(at) },
	i1: { bytes: 1, read: (v, at) => v.getInt8(at) },
	b1: { bytes: 1, read: (v, at) => v.getUint8(at) },
	u2: { bytes: 2, read: (v, at, le) => v.getUint16(at, le) },
	i2: { bytes: 2, read: (v, at, le) => v.getInt16(at, le) },
	u4: { bytes: 4, read: (v, at, le) => v.getUint32(at, le) },
	i4: { bytes: 4, read: (v, at, le) => v.getInt32(at, le) },
	i8: { bytes: 8, read: (v, at, le) => Number(v.getBigInt64(at, le)) },
	u8: { bytes: 8, read: (v, at, le) => Number(v.getBigUint64(at, le)) }
};

/** Reads one .npy array (format 1.0–3.0, C order, numeric dtypes). */
export function readNpy(bytes: Uint8Array, name = 'the .npy file'): NdArray {
	const fail = (why: string) => new EvalDataError(`${name}: ${why}`);
	if (bytes.length < 10 || String.fromCharCode(...bytes.subarray(0, 6)) !== '\x93NUMPY') throw fail('this is not a NumPy .npy array (save it with numpy.save).');
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const major = bytes[6];
	const headerLen = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
	const start = major === 1 ? 10 : 12;
	const header = new TextDecoder('latin1').decode(bytes.subarray(start, start + headerLen));
	const descr = /'descr':\s*'([<>|=])(\w\d+)'/.exec(header);
	const fortran = /'fortran_order':\s*(True|False)/.exec(header);
	const shapeText = /'shape':\s*\(([^)]*)\)/.exec(header);
	if (!descr || !fortran || !shapeText) throw fail('its header could not be read.');
	if (fortran[1] === 'True') throw fail('it is stored in Fortran order; save it with numpy.ascontiguousarray first.');
	const dtype = DTYPES[descr[2]];
	if (!dtype) throw fail(`its dtype ${descr[1]}${descr[2]} is not a number type Tito Web reads (use float32 for inputs, int64 for labels).`);
	const shape = shapeText[1].split(',').map((s) => s.trim()).filter(Boolean).map(Number);
	const count = shape.reduce((a, b) => a * b, 1);
	const offset = start + headerLen;
	if (bytes.length - offset < count * dtype.bytes) throw fail(`it should hold ${count} values but is cut short.`);
	const little = descr[1] !== '>';
	const data = new Float64Array(count);
	for (let i = 0; i < count; i++) data[i] = dtype.read(view, offset + i * dtype.bytes, little);
	return { shape, data };
}

function fromJson(text: string): { inputs: NdArray; labels: NdArray | null } {
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		throw new EvalDataError('The JSON file could not be parsed: check it is valid JSON.');
	}
	const o = json as Record<string, unknown>;
	const inputs = o?.inputs ?? o?.x;
	const labels = o?.labels ?? o?.y;
	if (!Array.isArray(inputs)) throw new EvalDataError('The JSON file needs an "inputs" array (one entry per sample), and optionally "labels".');
	const nd = (v: unknown[], what: string): NdArray => {
		const shape: number[] = [];
		for (let x: unknown = v; Array.isArray(x); x = x[0]) shape.push(x.length);
		const flat = (v as unknown[]).flat(Infinity) as unknown[];
		if (flat.length !== shape.reduce((a, b) => a * b, 1) || !flat.every((n) => typeof n === 'number' && Number.isFinite(n)))
			throw new EvalDataError(`The JSON "${what}" must be a rectangular array of numbers.`);
		return { shape, data: Float64Array.from(flat as number[]) };
	};
	return { inputs: nd(inputs, 'inputs'), labels: Array.isArray(labels) ? nd(labels, 'labels') : null };
}

const INPUT_NAMES = ['x', 'inputs', 'input', 'images', 'data', 'X', 'x_test', 'features'];
const LABEL_NAMES = ['y', 'labels', 'label', 'targets', 'Y', 'y_test'];

function fromNpz(bytes: Uint8Array): { inputs: NdArray; labels: NdArray | null } {
	let files: Record<string, Uint8Array>;
	try {
		files = unzipSync(bytes);
	} catch {
		throw new EvalDataError('The .npz file could not be opened as a zip archive: it is damaged.');
	}
	const arrays = new Map(Object.entries(files).map(([name, b]) => [name.replace(/\.npy$/, ''), readNpy(b, `${name} in the .npz`)]));
	const pick = (names: string[]) => names.map((n) => arrays.get(n)).find(Boolean) ?? null;
	let inputs = pick(INPUT_NAMES);
	let labels = pick(LABEL_NAMES);
	if (!inputs && arrays.size <= 2) {
		const sorted = [...arrays.values()].sort((a, b) => b.data.length - a.data.length);
		[inputs, labels] = [sorted[0] ?? null, sorted[1] ?? null];
	}
	if (!inputs) throw new EvalDataError(`The .npz file has no array named ${INPUT_NAMES.slice(0, 3).join(', ')}…: name the inputs "x" and the labels "y" (numpy.savez(f, x=..., y=...)).`);
	return { inputs, labels };
}

/** Reads eval data from the chosen files (one .npz or .json; or .npy inputs plus an optional .npy of labels). */
export function readEvalData(files: { name: string; bytes: Uint8Array }[], maxSamples = 10_000): EvalData {
	if (!files.length) throw new EvalDataError('Choose a .npz, .json or .npy file.');
	const ext = (n: string) => n.toLowerCase().split('.').pop();
	let parsed: { inputs: NdArray; labels: NdArray | null };
	const [first] = files;
	if (files.length === 1 && ext(first.name) === 'json') parsed = fromJson(new TextDecoder().decode(first.bytes));
	else if (files.length === 1 && ext(first.name) === 'npz') parsed = fromNpz(first.bytes);
	else if (files.every((f) => ext(f.name) === 'npy') && files.length <= 2) {
		const isLabels = (n: string) => /label|target|(^|[_-])y([_.-]|$)/i.test(n);
		const labelFile = files.length === 2 ? (files.find((f) => isLabels(f.name)) ?? files[1]) : null;
		const inputFile = files.find((f) => f !== labelFile)!;
		parsed = { inputs: readNpy(inputFile.bytes, inputFile.name), labels: labelFile ? readNpy(labelFile.bytes, labelFile.name) : null };
	} else throw new EvalDataError('Eval data is one .npz or .json file, or a .npy of inputs with an optional .npy of labels.');

	const { inputs, labels } = parsed;
	if (inputs.shape.length < 2) throw new EvalDataError(`The inputs have shape [${inputs.shape}]: the first axis must count the samples, e.g. [1000, 64].`);
	const all = inputs.shape[0];
	const count = Math.min(all, maxSamples);
	const sampleShape = inputs.shape.slice(1);
	const size = sampleShape.reduce((a, b) => a * b, 1);
	let labelData: Int32Array | null = null;
	if (labels) {
		if (labels.data.length !== all) throw new EvalDataError(`There are ${all} input samples but ${labels.data.length} labels.`);
		if (!labels.data.every((v) => Number.isInteger(v) && v >= 0)) throw new EvalDataError('The labels must be class numbers (0, 1, 2, …), not one-hot rows or scores.');
		labelData = Int32Array.from(labels.data.subarray(0, count));
	}
	return {
		inputs: Float32Array.from(inputs.data.subarray(0, count * size)),
		count,
		sampleShape,
		labels: labelData,
		source: files.map((f) => f.name).join(' + ') + (all > count ? ` (first ${count} of ${all} samples)` : '')
	};
}
