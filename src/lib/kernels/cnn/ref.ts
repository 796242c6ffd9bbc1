import { conv2dRef } from '../conv2d/ref';
import { maxpool2dRef } from '../maxpool2d/ref';
import { matmulPlain } from '../matmul/ref';
import { biasAct } from '../mlp/ref';
import type { RefTensor, Tensor } from '../types';

// The reference path stays in float64 end to end: intermediate tensors are float64 too.
const asTensor = (t: RefTensor): Tensor => ({ shape: t.shape, data: t.data as unknown as Float32Array });

function convReluPool(x: Tensor, w: Tensor, b: Tensor): Tensor {
	const conv = conv2dRef([x, w, b], { stride: 1, padding: 1 });
	for (let i = 0; i < conv.data.length; i++) if (conv.data[i] < 0) conv.data[i] = 0;
	return asTensor(maxpool2dRef([asTensor(conv)], { kernel: 2, stride: 2 }));
}

/** The reference CNN forward (see types.ts for the layout). */
export function cnnRef([x, cw1, cb1, cw2, cb2, fw1, fb1, fw2, fb2]: Tensor[]): RefTensor {
	const batch = x.shape[0];
	const p2 = convReluPool(convReluPool(x, cw1, cb1), cw2, cb2);
	const flat = p2.data.length / batch;
	const hidden = fw1.shape[1];
	const outF = fw2.shape[1];
	const h = biasAct(matmulPlain(p2.data, fw1.data, batch, flat, hidden), fb1.data, hidden, true);
	return { shape: [batch, outF], data: biasAct(matmulPlain(h, fw2.data, batch, hidden, outF), fb2.data, outF, false) };
}
