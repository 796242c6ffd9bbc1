import { buildModel, type InitializerSpec } from '$lib/inference/onnx-build';

/**
 * The shipped models as ONNX graphs: the trained weights become initializers, the layers
 * become standard ONNX ops (Gemm, Relu, Conv, MaxPool, Flatten, Softmax), so onnxruntime-web
 * and the own-kernel executor both read them as any exported model. Both take a dynamic
 * batch and output class probabilities.
 */
export type Weights = Record<string, { shape: number[]; data: Float32Array }>;

const inits = (w: Weights): InitializerSpec[] => Object.entries(w).map(([name, t]) => ({ name, shape: t.shape, data: t.data }));

export function mlpGraph(w: Weights, docString: string): Uint8Array {
	return buildModel({
		name: 'tiny_digits_mlp',
		docString,
		inputs: [{ name: 'x', shape: ['batch', 64] }],
		outputs: [{ name: 'probs', shape: ['batch', 10] }],
		initializers: inits(w),
		nodes: [
			{ op: 'Gemm', inputs: ['x', 'w1', 'b1'], outputs: ['h1'] },
			{ op: 'Relu', inputs: ['h1'], outputs: ['a1'] },
			{ op: 'Gemm', inputs: ['a1', 'w2', 'b2'], outputs: ['logits'] },
			{ op: 'Softmax', inputs: ['logits'], outputs: ['probs'], attributes: { axis: -1 } }
		]
	});
}

export function cnnGraph(w: Weights, docString: string): Uint8Array {
	const conv = { kernel_shape: [3, 3], pads: [1, 1, 1, 1], strides: [1, 1] };
	const pool = { kernel_shape: [2, 2], strides: [2, 2] };
	return buildModel({
		name: 'tiny_shapes_cnn',
		docString,
		inputs: [{ name: 'x', shape: ['batch', 3, 32, 32] }],
		outputs: [{ name: 'probs', shape: ['batch', 10] }],
		initializers: inits(w),
		nodes: [
			{ op: 'Conv', inputs: ['x', 'cw1', 'cb1'], outputs: ['c1'], attributes: conv },
			{ op: 'Relu', inputs: ['c1'], outputs: ['r1'] },
			{ op: 'MaxPool', inputs: ['r1'], outputs: ['p1'], attributes: pool },
			{ op: 'Conv', inputs: ['p1', 'cw2', 'cb2'], outputs: ['c2'], attributes: conv },
			{ op: 'Relu', inputs: ['c2'], outputs: ['r2'] },
			{ op: 'MaxPool', inputs: ['r2'], outputs: ['p2'], attributes: pool },
			{ op: 'Flatten', inputs: ['p2'], outputs: ['flat'], attributes: { axis: 1 } },
			{ op: 'Gemm', inputs: ['flat', 'fw', 'fb'], outputs: ['logits'] },
			{ op: 'Softmax', inputs: ['logits'], outputs: ['probs'], attributes: { axis: -1 } }
		]
	});
}
