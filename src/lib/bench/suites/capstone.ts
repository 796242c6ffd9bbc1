import { dot } from '$lib/kernels/cases';
import type { Tolerance } from '$lib/kernels/check';
import type { OpCall, WorkloadSpec } from '../workload';

/**
 * The capstone's kernel workloads (TinyTorch Module 20's full benchmark, in the browser):
 * a matmul sweep whose sizes stop where this device gets too slow, conv2d on a
 * CIFAR-shaped batch, attention at sequence 128 / head 64, softmax and layernorm as
 * bandwidth tests, a copy-like stream for the roofline's bandwidth ceiling, and the
 * reference MLP and CNN forward passes.
 */
export type CapstoneLength = 'standard' | 'test';

export interface CapstoneSettings {
	label: string;
	/** Warm-sample time of each measurement. */
	budgetMs: number;
	/** Matmul sizes to try, smallest first. */
	sweep: number[];
	/** The sweep stops before a size whose one call would take longer than this (8× the last). */
	maxCallMs: number;
	convBatch: number;
	attentionHeads: number;
	streamShape: [number, number];
	copyLength: number;
	/** Eval images per shipped model (null: the whole eval set). */
	evalImages: number | null;
}

export const CAPSTONE_LENGTHS: Record<CapstoneLength, CapstoneSettings> = {
	standard: {
		label: 'Standard (a few minutes)',
		budgetMs: 400,
		sweep: [64, 128, 256, 512, 1024],
		maxCallMs: 300,
		convBatch: 8,
		attentionHeads: 4,
		streamShape: [1024, 1024],
		copyLength: 1 << 22,
		evalImages: null
	},
	test: {
		label: 'Test size (under a minute; the numbers are not worth reading)',
		budgetMs: 30,
		sweep: [16, 32, 64],
		maxCallMs: 50,
		convBatch: 1,
		attentionHeads: 1,
		streamShape: [64, 256],
		copyLength: 1 << 14,
		evalImages: 160
	}
};

const none = {} as Record<string, never>;
const call = (op: OpCall['op'], shapes: number[][], params: OpCall['params'], seed: number, tolerance: Tolerance): OpCall => ({ op, shapes, params, seed, tolerance });
const one = (workload: string, shape: string, c: OpCall): WorkloadSpec => ({ workload, shape, calls: [c] });

/** A kernel workload with the name it has on the roofline. */
export type CapstoneWorkload = WorkloadSpec & { name: string; kind: 'compute' | 'stream' };

export function matmulWorkload(n: number): CapstoneWorkload {
	return { ...one(`matmul_${n}`, `${n}×${n} · ${n}×${n}`, call('matmul', [[n, n], [n, n]], none, 700 + n, dot(n))), name: `matmul ${n}`, kind: 'compute' };
}

/** Everything but the sweep, in the order it runs. */
export function capstoneWorkloads(s: CapstoneSettings): CapstoneWorkload[] {
	const [rows, cols] = s.streamShape;
	const b = s.convBatch;
	const h = s.attentionHeads;
	return [
		{ ...one('conv2d_cifar', `${b}×3×32×32 ⊛ 32×3×3×3, pad 1`, call('conv2d', [[b, 3, 32, 32], [32, 3, 3, 3], [32]], { stride: 1, padding: 1 }, 801, dot(27))), name: 'conv2d CIFAR', kind: 'compute' },
		{ ...one('attention_s128_d64', `${h} heads × 128 × 64`, call('attention', [[h, 128, 64], [h, 128, 64], [h, 128, 64]], { causal: false }, 802, dot(128))), name: 'attention 128×64', kind: 'compute' },
		{ ...one('mlp_forward', '1×784 → 128 → 10', call('mlp', [[1, 784], [784, 128], [128], [128, 10], [10]], none, 803, dot(784))), name: 'MLP forward', kind: 'compute' },
		{
			...one('cnn_forward', '1×3×32×32 → conv 32 → conv 64 → 128 → 10', call('cnn', [[1, 3, 32, 32], [32, 3, 3, 3], [32], [64, 32, 3, 3], [64], [4096, 128], [128], [128, 10], [10]], none, 804, dot(4096))),
			name: 'CNN forward',
			kind: 'compute'
		},
		{ ...one('softmax_bw', `${rows}×${cols}, last axis`, call('softmax', [[rows, cols]], none, 805, { atol: 1e-6, rtol: 1e-4 })), name: 'softmax', kind: 'stream' },
		{ ...one('layernorm_bw', `${rows}×${cols}`, call('layernorm', [[rows, cols], [cols], [cols]], { eps: 1e-5 }, 806, { atol: 1e-4, rtol: 1e-4 })), name: 'layernorm', kind: 'stream' },
		// ReLU reads and writes each value once: the streaming kernel the bandwidth ceiling comes from.
		{ ...one('copy_bw', `${s.copyLength.toLocaleString('en')} floats, read + write`, call('relu', [[s.copyLength]], none, 807, { atol: 1e-6, rtol: 1e-6 })), name: 'copy (ReLU)', kind: 'stream' }
	];
}

/** The workload the roofline's bandwidth ceiling is measured with. */
export const BANDWIDTH_WORKLOAD = 'copy_bw';
