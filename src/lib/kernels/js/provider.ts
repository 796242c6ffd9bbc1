import { reference } from '../registry';
import { opCost } from '../specs';
import type { KernelProvider, OpName, OpParams, PreparedOp, Tensor } from '../types';

/**
 * Plain JavaScript: the float64 reference loops themselves, no SIMD, no threads, no GPU.
 * Shown beside the fast backends for perspective ("why kernels matter").
 */
export function createJsProvider(): KernelProvider {
	let disposed = false;
	return {
		backend: 'js',
		label: 'Plain JavaScript',
		supports: () => true,
		async prepare<O extends OpName>(op: O, inputs: Tensor[], params: OpParams[O]): Promise<PreparedOp> {
			if (disposed) throw new Error('Plain JavaScript backend was shut down.');
			const resident = inputs.map((t) => ({ shape: t.shape, data: t.data.slice() }));
			let output = new Float32Array(0);
			return {
				outputShape: opCost(op, inputs, params).outputShape,
				async run() {
					output = Float32Array.from(reference(op, resident, params).data);
					return { kernelMs: null };
				},
				async upload(data) {
					data.forEach((d, i) => resident[i].data.set(d));
				},
				async read() {
					return output.slice();
				},
				dispose() {}
			};
		},
		dispose() {
			disposed = true;
		}
	};
}
