import { convOutSize } from './conv2d/ref';
import { sizeOf } from './random';
import type { OpName, OpParams, Tensor } from './types';

type Shapes = number[][];

/** Output shape, floating-point operations and bytes moved (inputs + output, float32) of one op call. */
export interface OpCost {
	outputShape: number[];
	flops: number;
	bytes: number;
}

const bytesOf = (shapes: Shapes, out: number[]) => 4 * (shapes.reduce((s, sh) => s + sizeOf(sh), 0) + sizeOf(out));

function convShape([x, w]: Shapes, { stride, padding }: OpParams['conv2d']) {
	return [x[0], w[0], convOutSize(x[2], w[2], stride, padding), convOutSize(x[3], w[3], stride, padding)];
}

function cost<O extends OpName>(op: O, s: Shapes, params: OpParams[O]): { outputShape: number[]; flops: number } {
	const n = sizeOf(s[0]);
	switch (op) {
		case 'add':
		case 'mul':
		case 'relu':
			return { outputShape: s[0], flops: n };
		case 'gelu':
			return { outputShape: s[0], flops: 8 * n };
		case 'sum':
			return { outputShape: [1], flops: n };
		case 'softmax':
			return { outputShape: s[0], flops: 4 * n };
		case 'layernorm':
			return { outputShape: s[0], flops: 7 * n };
		case 'matmul':
			return { outputShape: [s[0][0], s[1][1]], flops: 2 * s[0][0] * s[0][1] * s[1][1] };
		case 'matmulBT':
			return { outputShape: [s[0][0], s[1][0]], flops: 2 * s[0][0] * s[0][1] * s[1][0] };
		case 'conv2d': {
			const out = convShape(s, params as OpParams['conv2d']);
			return { outputShape: out, flops: 2 * sizeOf(out) * s[1][1] * s[1][2] * s[1][3] };
		}
		case 'maxpool2d': {
			const { kernel, stride } = params as OpParams['maxpool2d'];
			const out = [s[0][0], s[0][1], convOutSize(s[0][2], kernel, stride, 0), convOutSize(s[0][3], kernel, stride, 0)];
			return { outputShape: out, flops: sizeOf(out) * kernel * kernel };
		}
		case 'attention': {
			const [bh, seq, d] = s[0];
			return { outputShape: s[0], flops: bh * (4 * seq * seq * d + 4 * seq * seq) };
		}
		case 'mlp': {
			const [b, inF] = s[0];
			const h = s[1][1];
			const o = s[3][1];
			return { outputShape: [b, o], flops: 2 * b * (inF * h + h * o) + 2 * b * h + b * o };
		}
		case 'cnn': {
			const b = s[0][0];
			const c1 = convShape([s[0], s[1]], { stride: 1, padding: 1 });
			const p1 = [b, c1[1], c1[2] >> 1, c1[3] >> 1];
			const c2 = convShape([p1, s[3]], { stride: 1, padding: 1 });
			const flat = (c2[1] * (c2[2] >> 1) * (c2[3] >> 1)) | 0;
			const convFlops = 2 * sizeOf(c1) * sizeOf(s[1].slice(1)) + 2 * sizeOf(c2) * sizeOf(s[3].slice(1));
			const fcFlops = 2 * b * (flat * s[5][1] + s[5][1] * s[7][1]);
			return { outputShape: [b, s[7][1]], flops: convFlops + fcFlops };
		}
	}
	throw new Error(`Unknown op ${op}`);
}

export function opCost<O extends OpName>(op: O, inputs: Pick<Tensor, 'shape'>[], params: OpParams[O]): OpCost {
	const shapes = inputs.map((t) => t.shape);
	const { outputShape, flops } = cost(op, shapes, params);
	return { outputShape, flops, bytes: bytesOf(shapes, outputShape) };
}
