import { gemmWebgpu } from '../matmul/webgpu';
import type { OpParams } from '../types';
import { elementGrid, THREADS } from '../webgpu/grid';
import { shader } from '../webgpu/pipelines';
import type { GpuPlan, GpuTensor } from '../webgpu/plan';
import { convOutSize } from './ref';
import conv2dWgsl from './conv2d.wgsl?raw';
import gridWgsl from '../webgpu/grid.wgsl?raw';

const im2colShader = shader('im2col', gridWgsl, conv2dWgsl);

/** Shapes of a conv2d as im2col + matmul: the unfolded input per batch item is [rows, cols]. */
export function im2colPlan(x: number[], w: number[], { stride, padding }: OpParams['conv2d']) {
	const [n, c, h, wd] = x;
	const [oc, wc, kh, kw] = w;
	if (wc !== c) throw new Error(`conv2d: the input has ${c} channels but the weights expect ${wc}.`);
	const oh = convOutSize(h, kh, stride, padding);
	const ow = convOutSize(wd, kw, stride, padding);
	if (oh < 1 || ow < 1) throw new Error(`conv2d: a ${kh}×${kw} kernel does not fit a ${h}×${wd} input with padding ${padding}.`);
	const rows = c * kh * kw;
	const cols = oh * ow;
	// A 1×1 kernel with stride 1 and no padding reads x as it is: no unfolding needed.
	const identity = kh === 1 && kw === 1 && stride === 1 && padding === 0;
	return { n, c, h, w: wd, oc, kh, kw, oh, ow, rows, cols, identity };
}

/** conv2d NCHW with stride, zero padding and bias (and, for the CNN, a fused ReLU): im2col, then one batched matmul. */
export async function conv2dWebgpu(
	plan: GpuPlan,
	[x, w, bias]: GpuTensor[],
	params: OpParams['conv2d'],
	relu = false
): Promise<GpuTensor> {
	const s = im2colPlan(x.shape, w.shape, params);
	let col = x;
	if (!s.identity) {
		col = plan.tensor([s.n, s.rows, s.cols], 'conv2d unfolded input');
		const total = s.n * s.rows * s.cols;
		const pipeline = await plan.gpu.pipelines.get(im2colShader, 'main', { WORKGROUP: THREADS });
		const u = plan.uniform([s.c, s.h, s.w, s.kh, s.kw, s.oh, s.ow, params.stride, params.padding, total]);
		plan.dispatch(pipeline, [x.buffer, col.buffer, u], elementGrid(total, THREADS));
	}
	return gemmWebgpu(plan, {
		a: w,
		b: col,
		m: s.oc,
		n: s.cols,
		k: s.rows,
		batch: s.n,
		strides: [0, s.rows * s.cols, s.oc * s.cols],
		bias: { tensor: bias, per: 'row' },
		relu,
		outShape: [s.n, s.oc, s.oh, s.ow],
		label: 'conv2d output'
	});
}
