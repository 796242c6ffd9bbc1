import type { Scope, WasmContext } from '../context';
import { convOutShape, planConv, planPool, poolOutShape } from './conv';
import { planProduct } from './matmul';
import type { Planner, Resident } from './plan';
import { floatBytes } from './plan';

const inOrder = (...steps: (() => void)[]) => () => {
	for (const step of steps) step();
};

/** y[B,out] = act(x[B,in]·w[in,out] + b), every buffer already in the kernels' memory. */
function planDense(ctx: WasmContext, scope: Scope, x: number, batch: number, w: Resident, b: Resident, relu: boolean) {
	const [inF, outF] = w.shape;
	const y = scope.alloc(batch * outF * 4);
	const product = planProduct(ctx, scope, { a: x, b: w.ptr, c: y, m: batch, n: outF, k: inF, transposeB: false });
	return { y, run: inOrder(product, () => ctx.exports.biasCols(y, b.ptr, batch, outF, relu)) };
}

/** TinyTorch's baseline MLP, layer after layer inside the kernels' memory: nothing is copied out between them. */
export const mlpWasm: Planner<'mlp'> = (ctx, scope, [x, w1, b1, w2, b2]) => {
	const batch = x.shape[0];
	if (x.shape[1] !== w1.shape[0]) throw new Error(`mlp: the input has ${x.shape[1]} features, w1 expects ${w1.shape[0]}`);
	const hidden = planDense(ctx, scope, x.ptr, batch, w1, b1, true);
	const out = planDense(ctx, scope, hidden.y, batch, w2, b2, false);
	return { output: out.y, outputShape: [batch, w2.shape[1]], run: inOrder(hidden.run, out.run) };
};

/** conv(pad 1)+ReLU then 2×2 max pool; returns the pooled buffer and its shape. */
function planConvBlock(ctx: WasmContext, scope: Scope, x: number, xShape: number[], w: Resident, b: Resident) {
	const convShape = convOutShape(xShape, w.shape, 1, 1);
	const conv = scope.alloc(floatBytes(convShape));
	const shape = poolOutShape(convShape, 2, 2);
	const y = scope.alloc(floatBytes(shape));
	const convRun = planConv(ctx, scope, { x, w: w.ptr, bias: b.ptr, y: conv, xShape, wShape: w.shape, stride: 1, padding: 1, relu: true });
	const poolRun = planPool(ctx, conv, y, convShape, 2, 2);
	return { y, shape, run: inOrder(convRun, poolRun) };
}

/** The reference CNN (types.ts), every intermediate tensor kept in the kernels' memory. */
export const cnnWasm: Planner<'cnn'> = (ctx, scope, [x, cw1, cb1, cw2, cb2, fw1, fb1, fw2, fb2]) => {
	const batch = x.shape[0];
	const block1 = planConvBlock(ctx, scope, x.ptr, x.shape, cw1, cb1);
	const block2 = planConvBlock(ctx, scope, block1.y, block1.shape, cw2, cb2);
	const flat = block2.shape[1] * block2.shape[2] * block2.shape[3];
	if (flat !== fw1.shape[0]) throw new Error(`cnn: the flattened features are ${flat}, fw1 expects ${fw1.shape[0]}`);
	const fc1 = planDense(ctx, scope, block2.y, batch, fw1, fb1, true);
	const fc2 = planDense(ctx, scope, fc1.y, batch, fw2, fb2, false);
	return { output: fc2.y, outputShape: [batch, fw2.shape[1]], run: inOrder(block1.run, block2.run, fc1.run, fc2.run) };
};
