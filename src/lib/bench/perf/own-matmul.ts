import type { KernelProvider } from '$lib/kernels/types';
import type { PrepareMatmul } from './matmul-timing';

/**
 * Our matmul kernel as a timing target: end to end is upload() + run() + read() of the
 * prepared op (what session.run() does for onnxruntime-web); kernel only is run().
 */
export function ownMatmul(provider: KernelProvider): PrepareMatmul {
	return async (n, a, b) => {
		const op = await provider.prepare('matmul', [{ shape: [n, n], data: a }, { shape: [n, n], data: b }], {});
		return {
			async endToEnd(a, b) {
				await op.upload([a, b]);
				await op.run();
				return op.read();
			},
			kernelOnly: async () => (await op.run()).kernelMs,
			gpuTimer: provider.gpuTimer,
			dispose: () => op.dispose()
		};
	};
}
