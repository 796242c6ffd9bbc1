import { readOnnx, OnnxReadError, parameterCount, type Dim, type OnnxModel } from './onnx-read';
import { unsupportedOps } from './own/plan';

/**
 * What a dropped .onnx file is checked for before anything runs: its size, that it is
 * ONNX at all, its opset, one float32 input, and whether its input shape is known. Every
 * answer that stops it is a sentence with what to do.
 */
export const MAX_MODEL_BYTES = 200 * 1024 * 1024;
/** The default-domain opsets onnxruntime-web 1.30 runs. */
export const OPSET_RANGE = { min: 7, max: 24 } as const;

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export interface CheckedModel {
	model: OnnxModel;
	inputName: string;
	/** The input's shape as the file gives it: numbers, names of dynamic sizes, or null. */
	inputShape: Dim[] | null;
	/** The first axis is a free batch axis (named or unknown): samples are batched along it. */
	batched: boolean;
	/** One sample's shape (without the batch axis); null entries must be asked for. */
	sampleShape: (number | null)[] | null;
	unsupportedOps: string[];
	parameterCount: number;
	notes: string[];
}

export type ModelCheck = { ok: true; checked: CheckedModel } | { ok: false; message: string };

export function checkSize(bytes: number): string | null {
	if (bytes > MAX_MODEL_BYTES) return `This file is ${mb(bytes)}; Tito Web takes models up to ${mb(MAX_MODEL_BYTES)}, as a browser tab has little memory to spare. Try a smaller or quantized export.`;
	return null;
}

export function checkModel(bytes: Uint8Array): ModelCheck {
	const tooBig = checkSize(bytes.length);
	if (tooBig) return { ok: false, message: tooBig };
	let model: OnnxModel;
	try {
		model = readOnnx(bytes);
	} catch (err) {
		if (err instanceof OnnxReadError) return { ok: false, message: err.message };
		throw err;
	}
	const { opset } = model;
	if (opset === null) return { ok: false, message: 'The model imports no ai.onnx opset, so nothing can tell which version of its ops it uses. Export it again with an opset (e.g. opset_version=17).' };
	if (opset < OPSET_RANGE.min || opset > OPSET_RANGE.max)
		return { ok: false, message: `The model uses opset ${opset}; onnxruntime-web here runs opsets ${OPSET_RANGE.min}–${OPSET_RANGE.max}. Export it again with opset_version between them (17 is a safe choice).` };
	if (model.inputs.length !== 1)
		return { ok: false, message: `The model has ${model.inputs.length} inputs (${model.inputs.map((i) => i.name).join(', ')}); Tito Web runs models with one input, such as an image or a feature vector.` };
	const [input] = model.inputs;
	if (input.type !== 'float32')
		return { ok: false, message: `The model's input "${input.name}" is ${input.type}; Tito Web feeds float32 inputs only (models that take token ids or other integers are not supported yet).` };
	const shape = input.shape;
	const batched = !shape || shape.length === 0 || typeof shape[0] !== 'number';
	const sample = shape ? (batched ? shape.slice(1) : shape).map((d) => (typeof d === 'number' ? d : null)) : null;
	const notes: string[] = [];
	if (model.outputs.length > 1) notes.push(`The model has ${model.outputs.length} outputs; the first, "${model.outputs[0].name}", is measured.`);
	if (shape && !batched) notes.push(`The input's first axis is fixed at ${shape[0]}: samples run one at a time, and there is no batch-32 throughput.`);
	return {
		ok: true,
		checked: { model, inputName: input.name, inputShape: shape, batched, sampleShape: sample, unsupportedOps: unsupportedOps(model), parameterCount: parameterCount(model), notes }
	};
}

/** Parses "3, 32, 32" into a sample shape, checking it against the sizes the file fixes. */
export function parseSampleShape(text: string, known: (number | null)[] | null): { shape: number[] } | { error: string } {
	const parts = text.split(/[\s,×x]+/).filter(Boolean);
	const shape = parts.map(Number);
	if (!parts.length || !shape.every((d) => Number.isInteger(d) && d > 0)) return { error: `"${text}" is not a shape: give whole numbers, e.g. 3, 32, 32.` };
	if (shape.reduce((a, b) => a * b, 1) > 16_777_216) return { error: 'That input is over 16 million values: too large to run here.' };
	if (known) {
		if (known.length !== shape.length) return { error: `The model's input has ${known.length} axes per sample, not ${shape.length}.` };
		const clash = known.findIndex((d, i) => d !== null && d !== shape[i]);
		if (clash >= 0) return { error: `Axis ${clash + 1} is fixed at ${known[clash]} in the model.` };
	}
	return { shape };
}
