import { convOutSize } from '$lib/kernels/conv2d/ref';
import { sizeOf } from '$lib/kernels/random';
import type { OpName, OpParams } from '$lib/kernels/types';
import type { OnnxAttribute, OnnxModel, OnnxNode, OnnxTensor } from '../onnx-read';
import { broadcastShape, broadcastTo } from './broadcast';

/**
 * Turns an ONNX graph into calls of our own kernels, for one fixed input shape: every
 * shape is known before anything runs, constants are folded in (broadcast biases
 * materialised, Gemm's alpha/beta applied), Flatten/Reshape become views. What our kernels
 * cannot do is named: unsupported ops by name, unsupported attributes in a sentence.
 */
export const OWN_KERNEL_OPS = ['Gemm', 'MatMul', 'Add', 'Relu', 'Conv', 'MaxPool', 'Flatten', 'Reshape', 'Softmax'] as const;
/** Nodes that compute nothing at run time. */
const FREE_OPS = ['Constant', 'Identity'];

export type Operand = { value: string } | { constant: Float32Array };

export interface KernelStep<O extends OpName = OpName> {
	kind: 'kernel';
	node: string;
	op: O;
	params: OpParams[O];
	/** Each kernel input with the shape the kernel sees (a view of the value's data). */
	inputs: { shape: number[]; from: Operand }[];
	output: string;
	outputShape: number[];
}

/** The same data under another name and shape (Flatten, Reshape, Identity). */
export interface ViewStep {
	kind: 'view';
	node: string;
	input: string;
	output: string;
	shape: number[];
}

export type Step = KernelStep | ViewStep;

export interface GraphPlan {
	input: { name: string; shape: number[] };
	output: { name: string; shape: number[] };
	steps: Step[];
}

export type PlanResult = { ok: true; plan: GraphPlan } | { ok: false; unsupportedOps: string[]; problems: string[] };

class PlanProblem extends Error {}

/** Op types of the graph our kernels have no implementation for, each named once. */
export function unsupportedOps(model: OnnxModel): string[] {
	const known = new Set<string>([...OWN_KERNEL_OPS, ...FREE_OPS]);
	const ops = model.nodes.filter((n) => (n.domain !== '' && n.domain !== 'ai.onnx') || !known.has(n.op)).map((n) => (n.domain && n.domain !== 'ai.onnx' ? `${n.domain}.${n.op}` : n.op));
	return [...new Set(ops)];
}

const ints = (a: OnnxAttribute | undefined, fallback: number[]): number[] => (Array.isArray(a) ? (a as number[]) : fallback);
const num = (a: OnnxAttribute | undefined, fallback: number): number => (typeof a === 'number' ? a : fallback);
const allEqual = (xs: number[]) => xs.every((x) => x === xs[0]);

class Planner {
	readonly steps: Step[] = [];
	readonly shapes = new Map<string, number[]>();
	readonly constants = new Map<string, { shape: number[]; data: Float32Array | BigInt64Array }>();
	#fresh = 0;

	constructor(readonly model: OnnxModel) {
		for (const [name, t] of model.initializers) if (t.data) this.constants.set(name, { shape: t.shape, data: t.data });
	}

	/** A name for an intermediate our plan adds (a product before its bias). */
	temp(base: string) {
		return `${base}#${this.#fresh++}`;
	}

	isConstant(name: string) {
		return this.constants.has(name);
	}

	shape(name: string, node: OnnxNode): number[] {
		const s = this.shapes.get(name) ?? this.constants.get(name)?.shape;
		if (!s) throw new PlanProblem(`${node.op} node "${node.name}" reads "${name}", which no earlier node computes and the file does not hold.`);
		return s;
	}

	floats(name: string, node: OnnxNode): Float32Array {
		const c = this.constants.get(name);
		if (!c) throw new PlanProblem(`${node.op} node "${node.name}": "${name}" must be a constant stored in the model for the own kernels.`);
		if (!(c.data instanceof Float32Array)) throw new PlanProblem(`${node.op} node "${node.name}": "${name}" is not float32.`);
		return c.data;
	}

	operand(name: string): Operand {
		const c = this.constants.get(name);
		return c && c.data instanceof Float32Array ? { constant: c.data } : { value: name };
	}

	kernel<O extends OpName>(node: OnnxNode, op: O, params: OpParams[O], inputs: { shape: number[]; from: Operand }[], output: string, outputShape: number[]) {
		this.steps.push({ kind: 'kernel', node: node.name, op, params, inputs, output, outputShape } as KernelStep);
		this.shapes.set(output, outputShape);
	}

	view(node: OnnxNode, input: string, output: string, shape: number[]) {
		if (this.isConstant(input)) {
			const c = this.constants.get(input)!;
			this.constants.set(output, { shape, data: c.data });
			return;
		}
		this.steps.push({ kind: 'view', node: node.name, input, output, shape });
		this.shapes.set(output, shape);
	}
}

type Translate = (p: Planner, node: OnnxNode) => void;

const problem = (node: OnnxNode, what: string) => new PlanProblem(`${node.op} node "${node.name}": ${what}`);

/** y = a + constant (broadcast), or a + b of one shape; two constants fold. */
function addInto(p: Planner, node: OnnxNode, a: string, b: string, out: string) {
	const [sa, sb] = [p.shape(a, node), p.shape(b, node)];
	const shape = broadcastShape(sa, sb);
	if (!shape) throw problem(node, `shapes [${sa}] and [${sb}] do not broadcast.`);
	if (p.isConstant(a) && p.isConstant(b)) {
		const [x, y] = [broadcastTo(p.floats(a, node), sa, shape), broadcastTo(p.floats(b, node), sb, shape)];
		p.constants.set(out, { shape, data: x.map((v, i) => v + y[i]) });
		return;
	}
	// Runtime operand first: it is the one uploaded on every run.
	const [run, other] = p.isConstant(a) ? [b, a] : [a, b];
	const [sr, so] = p.isConstant(a) ? [sb, sa] : [sa, sb];
	if (sizeOf(shape) !== sizeOf(sr)) throw problem(node, `the result [${shape}] is larger than the computed input [${sr}]; the own kernels add into a computed tensor only.`);
	let from: Operand;
	if (p.isConstant(other)) from = { constant: broadcastTo(p.floats(other, node), so, shape) };
	else if (sizeOf(so) === sizeOf(shape)) from = { value: other };
	else throw problem(node, `adding [${so}] to [${sr}] broadcasts between two computed tensors, which the own kernels do not do.`);
	p.kernel(node, 'add', {}, [{ shape, from: { value: run } }, { shape, from }], out, shape);
}

function gemm(p: Planner, node: OnnxNode) {
	const [a, b, c] = node.inputs;
	const alpha = num(node.attributes.alpha, 1);
	const beta = num(node.attributes.beta, 1);
	if (num(node.attributes.transA, 0)) throw problem(node, 'transA = 1 is not supported by the own kernels.');
	const transB = num(node.attributes.transB, 0) === 1;
	const [sa, sb] = [p.shape(a, node), p.shape(b, node)];
	if (sa.length !== 2 || sb.length !== 2) throw problem(node, `Gemm needs 2-D operands, got [${sa}] and [${sb}].`);
	const [m, k] = sa;
	const [n, kb] = transB ? sb : [sb[1], sb[0]];
	if (k !== kb) throw problem(node, `inner sizes differ (${k} and ${kb}).`);
	let bOperand = p.operand(b);
	if (alpha !== 1) {
		if (!('constant' in bOperand)) throw problem(node, `alpha = ${alpha} needs a constant B for the own kernels.`);
		bOperand = { constant: bOperand.constant.map((v) => v * alpha) };
	}
	const product = c ? p.temp(node.outputs[0]) : node.outputs[0];
	p.kernel(node, transB ? 'matmulBT' : 'matmul', {}, [{ shape: sa, from: p.operand(a) }, { shape: sb, from: bOperand }], product, [m, n]);
	if (!c) return;
	if (beta !== 1) {
		if (!p.isConstant(c)) throw problem(node, `beta = ${beta} needs a constant C for the own kernels.`);
		const scaled = p.temp(c);
		p.constants.set(scaled, { shape: p.shape(c, node), data: p.floats(c, node).map((v) => v * beta) });
		addInto(p, node, product, scaled, node.outputs[0]);
	} else addInto(p, node, product, c, node.outputs[0]);
}

function matmul(p: Planner, node: OnnxNode) {
	const [a, b] = node.inputs;
	const [sa, sb] = [p.shape(a, node), p.shape(b, node)];
	if (sa.length < 2 || sb.length !== 2) throw problem(node, `the own kernels multiply [..., K] by a 2-D [K, N]; got [${sa}] and [${sb}].`);
	const k = sa[sa.length - 1];
	if (k !== sb[0]) throw problem(node, `inner sizes differ (${k} and ${sb[0]}).`);
	// Leading axes of A are rows of one product: the same numbers, seen as [M, K].
	const rows = sizeOf(sa) / k;
	p.kernel(node, 'matmul', {}, [{ shape: [rows, k], from: p.operand(a) }, { shape: sb, from: p.operand(b) }], node.outputs[0], [...sa.slice(0, -1), sb[1]]);
}

/** Conv/MaxPool padding: one number for every side, from `pads` or `auto_pad`. */
function padding(node: OnnxNode, kernel: number[], strides: number[]): number {
	const auto = node.attributes.auto_pad;
	if (auto === 'VALID') return 0;
	if (auto === 'SAME_UPPER' || auto === 'SAME_LOWER') {
		if (!strides.every((s) => s === 1) || !kernel.every((k) => k % 2 === 1 && k === kernel[0])) throw problem(node, `auto_pad ${auto} is supported for stride 1 and odd square kernels only.`);
		return (kernel[0] - 1) / 2;
	}
	const pads = ints(node.attributes.pads, [0, 0, 0, 0]);
	if (!allEqual(pads)) throw problem(node, `pads [${pads}] differ between sides; the own kernels pad every side the same.`);
	return pads[0] ?? 0;
}

function strideOf(node: OnnxNode): number {
	const strides = ints(node.attributes.strides, [1, 1]);
	if (!allEqual(strides)) throw problem(node, `strides [${strides}] differ; the own kernels use one stride for both axes.`);
	return strides[0];
}

function conv(p: Planner, node: OnnxNode) {
	const [x, w, b] = node.inputs;
	const sx = p.shape(x, node);
	const sw = p.shape(w, node);
	if (sx.length !== 4 || sw.length !== 4) throw problem(node, `only 2-D convolutions (NCHW input) are supported, got input [${sx}].`);
	if (num(node.attributes.group, 1) !== 1) throw problem(node, `group = ${node.attributes.group} (grouped or depthwise convolution) is not supported by the own kernels.`);
	if (!ints(node.attributes.dilations, [1, 1]).every((d) => d === 1)) throw problem(node, 'dilated convolutions are not supported by the own kernels.');
	if (sx[1] !== sw[1]) throw problem(node, `the input has ${sx[1]} channels, the weights expect ${sw[1]}.`);
	const stride = strideOf(node);
	const pad = padding(node, sw.slice(2), ints(node.attributes.strides, [1, 1]));
	const bias = b ? p.floats(b, node) : new Float32Array(sw[0]);
	const out = [sx[0], sw[0], convOutSize(sx[2], sw[2], stride, pad), convOutSize(sx[3], sw[3], stride, pad)];
	if (out[2] < 1 || out[3] < 1) throw problem(node, `a ${sw[2]}×${sw[3]} kernel does not fit the ${sx[2]}×${sx[3]} input.`);
	p.kernel(node, 'conv2d', { stride, padding: pad }, [{ shape: sx, from: p.operand(x) }, { shape: sw, from: { constant: p.floats(w, node) } }, { shape: [sw[0]], from: { constant: bias } }], node.outputs[0], out);
}

function maxpool(p: Planner, node: OnnxNode) {
	const sx = p.shape(node.inputs[0], node);
	const kernel = ints(node.attributes.kernel_shape, []);
	if (sx.length !== 4 || kernel.length !== 2) throw problem(node, `only 2-D pooling (NCHW input) is supported, got input [${sx}].`);
	if (kernel[0] !== kernel[1]) throw problem(node, `the window ${kernel.join('×')} is not square; the own kernels pool square windows.`);
	if (node.outputs.length > 1 && node.outputs[1]) throw problem(node, 'the Indices output is not supported by the own kernels.');
	if (num(node.attributes.ceil_mode, 0)) throw problem(node, 'ceil_mode = 1 is not supported by the own kernels.');
	if (!ints(node.attributes.dilations, [1, 1]).every((d) => d === 1)) throw problem(node, 'dilated pooling is not supported by the own kernels.');
	const stride = strideOf(node);
	if (padding(node, kernel, ints(node.attributes.strides, [1, 1])) !== 0) throw problem(node, 'padded max pooling is not supported by the own kernels.');
	const out = [sx[0], sx[1], convOutSize(sx[2], kernel[0], stride, 0), convOutSize(sx[3], kernel[0], stride, 0)];
	p.kernel(node, 'maxpool2d', { kernel: kernel[0], stride }, [{ shape: sx, from: p.operand(node.inputs[0]) }], node.outputs[0], out);
}

const axisOf = (axis: number, rank: number) => (axis < 0 ? axis + rank : axis);

function flatten(p: Planner, node: OnnxNode) {
	const s = p.shape(node.inputs[0], node);
	const axis = axisOf(num(node.attributes.axis, 1), s.length);
	p.view(node, node.inputs[0], node.outputs[0], [sizeOf(s.slice(0, axis)), sizeOf(s.slice(axis))]);
}

function reshape(p: Planner, node: OnnxNode) {
	const s = p.shape(node.inputs[0], node);
	const target = p.constants.get(node.inputs[1]);
	if (!target || !(target.data instanceof BigInt64Array)) throw problem(node, 'the new shape must be a constant int64 tensor in the model.');
	const allowZero = num(node.attributes.allowzero, 0) === 1;
	const dims = Array.from(target.data, (d, i) => (d === 0n && !allowZero ? s[i] : Number(d)));
	const known = dims.filter((d) => d !== -1).reduce((a, b) => a * b, 1);
	const shape = dims.map((d) => (d === -1 ? sizeOf(s) / known : d));
	if (!shape.every((d) => Number.isInteger(d) && d >= 0) || sizeOf(shape) !== sizeOf(s)) throw problem(node, `[${s}] cannot be reshaped to [${dims}].`);
	p.view(node, node.inputs[0], node.outputs[0], shape);
}

function softmax(p: Planner, node: OnnxNode) {
	const s = p.shape(node.inputs[0], node);
	const opset = p.model.opset ?? 13;
	const axis = axisOf(num(node.attributes.axis, opset < 13 ? 1 : -1), s.length);
	// Before opset 13 Softmax works on the input flattened to 2-D at `axis`: the same numbers.
	const rows = opset < 13 ? [sizeOf(s.slice(0, axis)), sizeOf(s.slice(axis))] : s;
	if (opset >= 13 && axis !== s.length - 1) throw problem(node, `softmax over axis ${axis} of [${s}]; the own kernels take it over the last axis.`);
	p.kernel(node, 'softmax', {}, [{ shape: rows, from: p.operand(node.inputs[0]) }], node.outputs[0], s);
}

function constant(p: Planner, node: OnnxNode) {
	const t = node.attributes.value as OnnxTensor | undefined;
	const single = node.attributes.value_float ?? node.attributes.value_floats ?? node.attributes.value_int ?? node.attributes.value_ints;
	if (t && typeof t === 'object' && 'shape' in t && t.data) p.constants.set(node.outputs[0], { shape: t.shape, data: t.data });
	else if (typeof single === 'number' || Array.isArray(single)) {
		const values = (typeof single === 'number' ? [single] : single) as number[];
		const isInt = 'value_int' in node.attributes || 'value_ints' in node.attributes;
		const shape = typeof single === 'number' ? [] : [values.length];
		p.constants.set(node.outputs[0], { shape, data: isInt ? BigInt64Array.from(values.map(BigInt)) : Float32Array.from(values) });
	} else throw problem(node, 'this kind of constant is not supported by the own kernels.');
}

const TRANSLATE: Record<string, Translate> = {
	Gemm: gemm,
	MatMul: matmul,
	Add: (p, n) => addInto(p, n, n.inputs[0], n.inputs[1], n.outputs[0]),
	Relu: (p, n) => p.kernel(n, 'relu', {}, [{ shape: p.shape(n.inputs[0], n), from: p.operand(n.inputs[0]) }], n.outputs[0], p.shape(n.inputs[0], n)),
	Conv: conv,
	MaxPool: maxpool,
	Flatten: flatten,
	Reshape: reshape,
	Softmax: softmax,
	Identity: (p, n) => p.view(n, n.inputs[0], n.outputs[0], p.shape(n.inputs[0], n)),
	Constant: constant
};

/** Plans the graph for a fully known input shape (batch included). */
export function planGraph(model: OnnxModel, inputShape: number[]): PlanResult {
	const unsupported = unsupportedOps(model);
	if (unsupported.length) return { ok: false, unsupportedOps: unsupported, problems: [] };
	if (model.inputs.length !== 1) return { ok: false, unsupportedOps: [], problems: [`The own kernels run graphs with one input; this one has ${model.inputs.length}.`] };
	const input = model.inputs[0];
	const output = model.outputs[0];
	const p = new Planner(model);
	p.shapes.set(input.name, inputShape);
	try {
		for (const node of model.nodes) TRANSLATE[node.op](p, node);
		if (!output || !p.shapes.has(output.name)) throw new PlanProblem(`The graph output "${output?.name}" is not computed from the input.`);
	} catch (err) {
		if (err instanceof PlanProblem) return { ok: false, unsupportedOps: [], problems: [err.message] };
		throw err;
	}
	return { ok: true, plan: { input: { name: input.name, shape: inputShape }, output: { name: output.name, shape: p.shapes.get(output.name)! }, steps: p.steps } };
}
