import type { PrepareMatmul } from '$lib/bench/perf/matmul-timing';
import { matmulModel } from './onnx-build';
import { createSession, type OrtRuntime } from './ort';

/**
 * onnxruntime-web's MatMul as a timing target: a single-node model per size, both
 * operands graph inputs, fed as fresh tensors on every run; the output is read back as
 * a Float32Array (from the GPU too: the WebGPU EP's outputs live on the CPU by default).
 */
export function ortMatmul(rt: OrtRuntime): PrepareMatmul {
	return async (n) => {
		const { session } = await createSession(rt, matmulModel(n, n, n));
		return {
			async endToEnd(a, b) {
				const out = await session.run({
					A: new rt.ort.Tensor('float32', a, [n, n]),
					B: new rt.ort.Tensor('float32', b, [n, n])
				});
				return out.C.data as Float32Array;
			},
			dispose: () => void session.release()
		};
	};
}
