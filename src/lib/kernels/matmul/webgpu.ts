import { MAX_WORKGROUPS_PER_DIM, type Workgroups } from '../webgpu/grid';
import { shader } from '../webgpu/pipelines';
import type { GpuPlan, GpuTensor } from '../webgpu/plan';
import matmulWgsl from './matmul.wgsl?raw';

const matmulShader = shader('matmul', matmulWgsl);

/** A workgroup of wgX × wgY invocations, each computing 4×4 outputs, over tileK-deep slices. */
export interface MatmulTiles {
	wgX: number;
	wgY: number;
	tileK: number;
}

/**
 * The tile for a product with `m` rows: 32×32 in general; for a few rows (a batch-1 dense
 * layer) a flat 4×64 or 16×64 tile, so the workgroups are not mostly padding. Chosen by
 * measurement on SwiftShader, where every workgroup barrier is costly: small workgroups
 * with deep k slices (few barriers per product) won by 2–4× over 64×64 tiles.
 */
export function matmulTiles(m: number): MatmulTiles {
	if (m <= 4) return { wgX: 16, wgY: 1, tileK: 32 };
	if (m <= 16) return { wgX: 16, wgY: 4, tileK: 32 };
	return { wgX: 8, wgY: 8, tileK: 32 };
}

/** Workgroup memory of a tile: the staged A and B slices (WebGPU guarantees 16 KiB). */
export const matmulTileBytes = (t: MatmulTiles) => 4 * t.tileK * 4 * (t.wgX + t.wgY);

export function matmulWorkgroups(m: number, n: number, batch: number, t: MatmulTiles): Workgroups {
	const groups: Workgroups = [Math.ceil(n / (4 * t.wgX)), Math.ceil(m / (4 * t.wgY)), batch];
	if (groups.some((g) => g > MAX_WORKGROUPS_PER_DIM)) throw new Error(`A ${m}×${n} product (batch ${batch}) is too large for one GPU dispatch.`);
	return groups;
}

/** One (batched) product C = alpha·A·op(B) (+ bias) (ReLU), on tensors already on the GPU. */
export interface Gemm {
	a: GpuTensor;
	b: GpuTensor;
	m: number;
	n: number;
	k: number;
	/** B is stored [N, K]: the product is A·Bᵀ. */
	transB?: boolean;
	batch?: number;
	/** Elements between consecutive batch items of A, B and C (0 shares one matrix across the batch). */
	strides?: [number, number, number];
	alpha?: number;
	bias?: { tensor: GpuTensor; per: 'column' | 'row' };
	relu?: boolean;
	outShape: number[];
	label: string;
}

export async function gemmWebgpu(plan: GpuPlan, g: Gemm): Promise<GpuTensor> {
	const tiles = matmulTiles(g.m);
	const batch = g.batch ?? 1;
	const pipeline = await plan.gpu.pipelines.get(matmulShader, 'main', {
		WG_X: tiles.wgX,
		WG_Y: tiles.wgY,
		TILE_K: tiles.tileK,
		TRANS_B: g.transB ? 1 : 0,
		BIAS: !g.bias ? 0 : g.bias.per === 'column' ? 1 : 2,
		RELU: g.relu ? 1 : 0
	});
	const [sa, sb, sc] = g.strides ?? [g.m * g.k, g.k * g.n, g.m * g.n];
	const out = plan.tensor(g.outShape, g.label);
	const params = plan.uniform([g.m, g.n, g.k, sa, sb, sc], [g.alpha ?? 1]);
	// Without a bias the binding still needs a buffer; A is bound again, read-only, and never read.
	const bias = g.bias?.tensor.buffer ?? g.a.buffer;
	plan.dispatch(pipeline, [g.a.buffer, g.b.buffer, bias, out.buffer, params], matmulWorkgroups(g.m, g.n, batch, tiles));
	return out;
}

/** matmul a[M,K]·b[K,N], or with `transB` matmulBT a[M,K]·b[N,K]ᵀ -> [M,N]. */
export function matmulWebgpu(plan: GpuPlan, [a, b]: GpuTensor[], transB: boolean): Promise<GpuTensor> {
	const [m, k] = a.shape;
	const [n, kb] = transB ? b.shape : [b.shape[1], b.shape[0]];
	const name = transB ? 'matmulBT' : 'matmul';
	if (k !== kb) throw new Error(`${name}: A is ${a.shape.join('×')} and B is ${b.shape.join('×')}; their inner sizes must match.`);
	return gemmWebgpu(plan, { a, b, m, n, k, transB, outShape: [m, n], label: `${name} output` });
}
