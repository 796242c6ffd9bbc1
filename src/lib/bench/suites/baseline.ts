import type { OpCall, WorkloadSpec } from '../workload';
import { REFERENCE_SYSTEM } from '../score';

const none = {} as Record<string, never>;
const exact = { atol: 1e-5, rtol: 1e-5 };

/**
 * TinyTorch's baseline workloads, as `tito benchmark baseline` runs them with NumPy:
 * per iteration a+b, a*b and sum(a) on 100×100; one 100×100 matmul; one forward pass
 * of the 784→128→10 MLP at batch 1. The CLI's net has no biases: ours are zero.
 */
const call = (op: OpCall['op'], shapes: number[][], seed: number, tolerance = exact): OpCall => ({ op, shapes, params: none, seed, tolerance });

export const baselineWorkloads: (WorkloadSpec & { refMs: number; label: string })[] = [
	{
		workload: 'tensor_ops',
		label: 'Tensor ops',
		shape: '100×100: a + b, a × b, sum(a)',
		refMs: REFERENCE_SYSTEM.times_ms.tensor_ops,
		calls: [
			call('add', [[100, 100], [100, 100]], 101),
			call('mul', [[100, 100], [100, 100]], 102),
			call('sum', [[100, 100]], 103, { atol: 2e-3, rtol: 1e-5 })
		]
	},
	{
		workload: 'matmul',
		label: 'Matrix multiply',
		shape: '100×100 · 100×100',
		refMs: REFERENCE_SYSTEM.times_ms.matmul,
		calls: [call('matmul', [[100, 100], [100, 100]], 104, { atol: 2e-4 + 1e-5, rtol: 1e-4 })]
	},
	{
		workload: 'forward_pass',
		label: 'MLP forward pass',
		shape: '1×784 → 128 (ReLU) → 10',
		refMs: REFERENCE_SYSTEM.times_ms.forward_pass,
		calls: [{ ...call('mlp', [[1, 784], [784, 128], [128], [128, 10], [10]], 105, { atol: 2e-6 * 784 + 1e-5, rtol: 1e-4 }), zeros: [2, 4] }]
	}
];
