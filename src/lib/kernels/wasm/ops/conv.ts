import { convOutSize } from '../../conv2d/ref';
import type { Scope, WasmContext } from '../context';
import { PANEL } from '../exports';
import { matmulShares, panelCount, splitRange } from '../partition';
import { chunksForWork } from './matmul';
import type { Planner } from './plan';
import { floatBytes } from './plan';

export interface ConvLayer {
	/** x[N,C,H,W], w[OC,C,KH,KW], bias[OC] -> y[N,OC,OH,OW]: addresses. */
	x: number;
	w: number;
	bias: number;
	y: number;
	xShape: number[];
	wShape: number[];
	stride: number;
	padding: number;
	relu: boolean;
}

export function convOutShape(xShape: number[], wShape: number[], stride: number, padding: number): number[] {
	return [xShape[0], wShape[0], convOutSize(xShape[2], wShape[2], stride, padding), convOutSize(xShape[3], wShape[3], stride, padding)];
}

/**
 * Plans a convolution as one product per image: im2col written straight into packed
 * panels (K = C·KH·KW, N = OH·OW), times the weights as A [OC, K], then bias (and ReLU).
 */
export function planConv(ctx: WasmContext, scope: Scope, l: ConvLayer): () => void {
	const [batch, c, h, w] = l.xShape;
	const [oc, wc, kh, kw] = l.wShape;
	if (wc !== c) throw new Error(`conv2d: the input has ${c} channels, the weights expect ${wc}`);
	const [, , oh, ow] = convOutShape(l.xShape, l.wShape, l.stride, l.padding);
	if (oh < 1 || ow < 1) throw new Error(`conv2d: a ${kh}×${kw} kernel does not fit a ${h}×${w} input`);
	const k = c * kh * kw;
	const pixels = oh * ow;
	const panels = panelCount(pixels);
	const packed = scope.alloc(k * panels * PANEL * 4);
	const chunks = chunksForWork(ctx, oc * pixels * k);
	const packShares = splitRange(panels, chunks);
	const shares = matmulShares(oc, pixels, chunks);
	const x = ctx.exports;
	const images = Array.from({ length: batch }, (_, i) => {
		const xi = l.x + i * c * h * w * 4;
		const yi = l.y + i * oc * pixels * 4;
		return {
			yi,
			pack: packShares.map(([p0, p1]) => [xi, packed, c, h, w, kh, kw, l.stride, l.padding, oh, ow, p0, p1]),
			product: shares.map(({ rows, panels: [p0, p1] }) => [l.w, packed, yi, oc, pixels, k, rows[0], rows[1], p0, p1, 0])
		};
	});
	return () => {
		for (const img of images) {
			ctx.parallel('im2colPack', img.pack);
			ctx.parallel('matmulPacked', img.product, ctx.packScratch);
			x.biasRows(img.yi, l.bias, oc, pixels, l.relu);
		}
	};
}

export const conv2dWasm: Planner<'conv2d'> = (ctx, scope, [x, w, bias], { stride, padding }) => {
	const outputShape = convOutShape(x.shape, w.shape, stride, padding);
	const output = scope.alloc(floatBytes(outputShape));
	const layer = { x: x.ptr, w: w.ptr, bias: bias.ptr, y: output, xShape: x.shape, wShape: w.shape, stride, padding, relu: false };
	return { output, outputShape, run: planConv(ctx, scope, layer) };
};

export function poolOutShape([n, c, h, w]: number[], kernel: number, stride: number): number[] {
	return [n, c, convOutSize(h, kernel, stride, 0), convOutSize(w, kernel, stride, 0)];
}

/** Plans max pooling of x[N,C,H,W] into y (no padding). */
export function planPool(ctx: WasmContext, x: number, y: number, xShape: number[], kernel: number, stride: number): () => void {
	const [n, c, h, w] = xShape;
	const [, , oh, ow] = poolOutShape(xShape, kernel, stride);
	if (oh < 1 || ow < 1) throw new Error(`maxpool2d: a ${kernel}×${kernel} window does not fit a ${h}×${w} input`);
	return () => ctx.exports.maxpool2d(x, y, n * c, h, w, kernel, stride, oh, ow);
}

export const maxpool2dWasm: Planner<'maxpool2d'> = (ctx, scope, [x], { kernel, stride }) => {
	const outputShape = poolOutShape(x.shape, kernel, stride);
	const output = scope.alloc(floatBytes(outputShape));
	return { output, outputShape, run: planPool(ctx, x.ptr, output, x.shape, kernel, stride) };
};
