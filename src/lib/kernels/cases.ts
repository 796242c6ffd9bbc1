import type { Tolerance } from './check';
import { randomTensor } from './random';
import type { OpName, OpParams, Tensor } from './types';

/**
 * The correctness table every backend runs, in Node (vitest) and in the browser (self-test page).
 * Shapes include edges: 1×1, odd sizes, sizes that are not multiples of any tile.
 * Tolerances are float32 accumulation error: they grow with the reduction length.
 */
export interface KernelCase<O extends OpName = OpName> {
	name: string;
	op: O;
	shapes: number[][];
	params: OpParams[O];
	seed: number;
	tolerance: Tolerance;
}

const none = {} as Record<string, never>;
const elementwise: Tolerance = { atol: 1e-6, rtol: 1e-6 };
/** Dot products of length k over N(0,1) inputs: float32 error grows about linearly in k at worst. */
export const dot = (k: number): Tolerance => ({ atol: 2e-6 * k + 1e-5, rtol: 1e-4 });

export const kernelCases: KernelCase[] = [
	{ name: 'add 1', op: 'add', shapes: [[1], [1]], params: none, seed: 1, tolerance: elementwise },
	{ name: 'add 7×13', op: 'add', shapes: [[7, 13], [7, 13]], params: none, seed: 2, tolerance: elementwise },
	{ name: 'add 100×100', op: 'add', shapes: [[100, 100], [100, 100]], params: none, seed: 3, tolerance: elementwise },
	{ name: 'mul 1001', op: 'mul', shapes: [[1001], [1001]], params: none, seed: 4, tolerance: elementwise },
	{ name: 'relu 7×13×5', op: 'relu', shapes: [[7, 13, 5]], params: none, seed: 5, tolerance: elementwise },
	{ name: 'gelu 1003', op: 'gelu', shapes: [[1003]], params: none, seed: 6, tolerance: { atol: 1e-5, rtol: 1e-5 } },
	{ name: 'sum 1', op: 'sum', shapes: [[1]], params: none, seed: 7, tolerance: { atol: 1e-6, rtol: 1e-6 } },
	{ name: 'sum 10007', op: 'sum', shapes: [[10007]], params: none, seed: 8, tolerance: { atol: 2e-3, rtol: 1e-5 } },
	// Past one GPU workgroup pass (WebGPU sums 32 K elements per workgroup, then sums the partials).
	{ name: 'sum 70000', op: 'sum', shapes: [[70000]], params: none, seed: 44, tolerance: { atol: 1e-2, rtol: 1e-5 } },
	{ name: 'softmax 7×13', op: 'softmax', shapes: [[7, 13]], params: none, seed: 9, tolerance: { atol: 1e-6, rtol: 1e-5 } },
	{ name: 'softmax 3×1000', op: 'softmax', shapes: [[3, 1000]], params: none, seed: 10, tolerance: { atol: 1e-6, rtol: 1e-4 } },
	{ name: 'layernorm 7×13', op: 'layernorm', shapes: [[7, 13], [13], [13]], params: { eps: 1e-5 }, seed: 11, tolerance: { atol: 1e-4, rtol: 1e-4 } },
	{ name: 'layernorm 3×768', op: 'layernorm', shapes: [[3, 768], [768], [768]], params: { eps: 1e-5 }, seed: 12, tolerance: { atol: 1e-4, rtol: 1e-4 } },
	{ name: 'matmul 1×1×1', op: 'matmul', shapes: [[1, 1], [1, 1]], params: none, seed: 13, tolerance: dot(1) },
	{ name: 'matmul 7×13×5', op: 'matmul', shapes: [[7, 13], [13, 5]], params: none, seed: 14, tolerance: dot(13) },
	{ name: 'matmul 127×129×65', op: 'matmul', shapes: [[127, 129], [129, 65]], params: none, seed: 15, tolerance: dot(129) },
	{ name: 'matmul 100×100×100', op: 'matmul', shapes: [[100, 100], [100, 100]], params: none, seed: 16, tolerance: dot(100) },
	{ name: 'matmul 64×256×64', op: 'matmul', shapes: [[64, 256], [256, 64]], params: none, seed: 17, tolerance: dot(256) },
	// Past one cache block in every dimension of a blocked kernel, no size a multiple of 4 or 8:
	// large enough to be shared among threads.
	{ name: 'matmul 300×257×70', op: 'matmul', shapes: [[300, 257], [257, 70]], params: none, seed: 32, tolerance: dot(257) },
	// Partial tiles in every dimension for the WebGPU tiles (32×32 with 32-deep k slices; 16×64 for few rows).
	{ name: 'matmul 65×33×17', op: 'matmul', shapes: [[65, 33], [33, 17]], params: none, seed: 40, tolerance: dot(33) },
	{ name: 'matmul 130×70×129', op: 'matmul', shapes: [[130, 70], [70, 129]], params: none, seed: 41, tolerance: dot(70) },
	{ name: 'matmul 13×50×70', op: 'matmul', shapes: [[13, 50], [50, 70]], params: none, seed: 42, tolerance: dot(50) },
	{ name: 'matmulBT 1×1×1', op: 'matmulBT', shapes: [[1, 1], [1, 1]], params: none, seed: 18, tolerance: dot(1) },
	{ name: 'matmulBT 7×13×5', op: 'matmulBT', shapes: [[7, 13], [5, 13]], params: none, seed: 19, tolerance: dot(13) },
	{ name: 'matmulBT 127×129×65', op: 'matmulBT', shapes: [[127, 129], [65, 129]], params: none, seed: 20, tolerance: dot(129) },
	{ name: 'matmulBT 300×257×70', op: 'matmulBT', shapes: [[300, 257], [70, 257]], params: none, seed: 33, tolerance: dot(257) },
	{ name: 'matmulBT 65×33×17', op: 'matmulBT', shapes: [[65, 33], [17, 33]], params: none, seed: 43, tolerance: dot(33) },
	{ name: 'conv2d 1×3×8×8 k3 s1 p1', op: 'conv2d', shapes: [[1, 3, 8, 8], [4, 3, 3, 3], [4]], params: { stride: 1, padding: 1 }, seed: 21, tolerance: dot(27) },
	{ name: 'conv2d 2×3×9×7 k3 s2 p0', op: 'conv2d', shapes: [[2, 3, 9, 7], [5, 3, 3, 3], [5]], params: { stride: 2, padding: 0 }, seed: 22, tolerance: dot(27) },
	{ name: 'conv2d 1×5×6×6 k1 s1 p0', op: 'conv2d', shapes: [[1, 5, 6, 6], [3, 5, 1, 1], [3]], params: { stride: 1, padding: 0 }, seed: 23, tolerance: dot(5) },
	{ name: 'conv2d 2×16×23×21 k3 s1 p1', op: 'conv2d', shapes: [[2, 16, 23, 21], [33, 16, 3, 3], [33]], params: { stride: 1, padding: 1 }, seed: 34, tolerance: dot(144) },
	{ name: 'maxpool2d 1×2×8×8 k2 s2', op: 'maxpool2d', shapes: [[1, 2, 8, 8]], params: { kernel: 2, stride: 2 }, seed: 24, tolerance: elementwise },
	{ name: 'maxpool2d 1×3×7×9 k3 s2', op: 'maxpool2d', shapes: [[1, 3, 7, 9]], params: { kernel: 3, stride: 2 }, seed: 25, tolerance: elementwise },
	{ name: 'attention 2×16×8', op: 'attention', shapes: [[2, 16, 8], [2, 16, 8], [2, 16, 8]], params: { causal: false }, seed: 26, tolerance: dot(16) },
	{ name: 'attention 2×16×8 causal', op: 'attention', shapes: [[2, 16, 8], [2, 16, 8], [2, 16, 8]], params: { causal: true }, seed: 27, tolerance: dot(16) },
	{ name: 'attention 1×7×5', op: 'attention', shapes: [[1, 7, 5], [1, 7, 5], [1, 7, 5]], params: { causal: false }, seed: 28, tolerance: dot(7) },
	{ name: 'attention 4×64×32 causal', op: 'attention', shapes: [[4, 64, 32], [4, 64, 32], [4, 64, 32]], params: { causal: true }, seed: 35, tolerance: dot(64) },
	{ name: 'mlp 1×784→128→10', op: 'mlp', shapes: [[1, 784], [784, 128], [128], [128, 10], [10]], params: none, seed: 29, tolerance: dot(784) },
	{ name: 'mlp 3×784→128→10', op: 'mlp', shapes: [[3, 784], [784, 128], [128], [128, 10], [10]], params: none, seed: 30, tolerance: dot(784) },
	{
		name: 'cnn 1×3×32×32',
		op: 'cnn',
		shapes: [[1, 3, 32, 32], [32, 3, 3, 3], [32], [64, 32, 3, 3], [64], [4096, 128], [128], [128, 10], [10]],
		params: none,
		seed: 31,
		tolerance: dot(4096)
	}
];

/**
 * The inputs of a case. Weight-like inputs (every input after the first of the composite
 * nets) are scaled by 1/√fan-in so activations stay O(1), as trained weights would.
 */
export function caseInputs(c: Pick<KernelCase, 'op' | 'shapes' | 'seed'>): Tensor[] {
	return c.shapes.map((shape, i) => {
		const composite = (c.op === 'mlp' || c.op === 'cnn') && i > 0;
		const fanIn = shape.length === 1 ? 1 : shape.length === 4 ? shape[1] * shape[2] * shape[3] : shape[0];
		return randomTensor(shape, c.seed * 1000 + i, composite ? 1 / Math.sqrt(fanIn) : 1);
	});
}
