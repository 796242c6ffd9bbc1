import { matmulPlain } from '../matmul/ref';
import type { RefTensor, Tensor } from '../types';

/** Adds a bias per column and optionally applies ReLU, in place. */
export function biasAct(x: Float64Array, bias: ArrayLike<number>, cols: number, relu: boolean): Float64Array {
	for (let i = 0; i < x.length; i++) {
		const v = x[i] + bias[i % cols];
		x[i] = relu && v < 0 ? 0 : v;
	}
	return x;
}

/** TinyTorch's baseline MLP forward: relu(x·w1 + b1)·w2 + b2. */
export function mlpRef([x, w1, b1, w2, b2]: Tensor[]): RefTensor {
	const [batch, inF] = x.shape;
	const hidden = w1.shape[1];
	const outF = w2.shape[1];
	const h = biasAct(matmulPlain(x.data, w1.data, batch, inF, hidden), b1.data, hidden, true);
	return { shape: [batch, outF], data: biasAct(matmulPlain(h, w2.data, batch, hidden, outF), b2.data, outF, false) };
}
