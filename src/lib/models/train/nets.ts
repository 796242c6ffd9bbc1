import { mulberry32 } from '$lib/kernels/random';
import { conv2d, dense, flatten, maxpool2, relu } from './layers';
import { valueOf, type Tape, type Value } from './tape';

/** A trainable net: named parameters (in the order the ONNX file stores them) and a forward pass to logits. */
export interface Net {
	params: Record<string, Value>;
	forward(tape: Tape, x: Value): Value;
}

/** He-uniform weights from a seeded stream, zero biases. */
function initParams(shapes: Record<string, number[]>, seed: number): Record<string, Value> {
	const rand = mulberry32(seed);
	const params: Record<string, Value> = {};
	for (const [name, shape] of Object.entries(shapes)) {
		const p = valueOf(shape);
		if (shape.length > 1) {
			const fanIn = shape.length === 4 ? shape[1] * shape[2] * shape[3] : shape[0];
			const limit = Math.sqrt(6 / fanIn);
			for (let i = 0; i < p.data.length; i++) p.data[i] = (2 * rand() - 1) * limit;
		}
		params[name] = p;
	}
	return params;
}

/** 64 → 32 (ReLU) → 10: the tiny-digits MLP. Weights [in, out], as ONNX Gemm reads them. */
export const MLP_SHAPES = { w1: [64, 32], b1: [32], w2: [32, 10], b2: [10] };

export function mlpNet(seed: number): Net {
	const params = initParams(MLP_SHAPES, seed);
	const { w1, b1, w2, b2 } = params;
	return { params, forward: (t, x) => dense(t, relu(t, dense(t, x, w1, b1)), w2, b2) };
}

/** 3×32×32 → conv 8 (3×3, pad 1) → ReLU → pool 2 → conv 16 → ReLU → pool 2 → 1024 → 10: the tiny-shapes CNN. */
export const CNN_SHAPES = { cw1: [8, 3, 3, 3], cb1: [8], cw2: [16, 8, 3, 3], cb2: [16], fw: [1024, 10], fb: [10] };

export function cnnNet(seed: number): Net {
	const params = initParams(CNN_SHAPES, seed);
	const { cw1, cb1, cw2, cb2, fw, fb } = params;
	return {
		params,
		forward(t, x) {
			const h1 = maxpool2(t, relu(t, conv2d(t, x, cw1, cb1, 1)));
			const h2 = maxpool2(t, relu(t, conv2d(t, h1, cw2, cb2, 1)));
			return dense(t, flatten(h2), fw, fb);
		}
	};
}

export const parameterCount = (net: Net) => Object.values(net.params).reduce((s, p) => s + p.data.length, 0);
