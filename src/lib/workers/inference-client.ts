import type { ModelBenchSpec } from '$lib/inference/model-bench';
import type { OrtEp } from '$lib/inference/ort';
import { WorkerClient } from './client';
import { INFERENCE_SETTLING, type InferenceRequest, type InferenceResponse, type MatmulTimingRow } from './protocol';

type Reply<T extends InferenceResponse['type']> = Extract<InferenceResponse, { type: T }>;

/**
 * The main thread's only way to talk to workers/inference.worker.ts. onnxruntime-web
 * reads its thread count once, so each EP / thread count gets its own client (and worker).
 */
export class InferenceClient {
	#client = new WorkerClient<InferenceRequest, InferenceResponse>(
		new Worker(new URL('../../../workers/inference.worker.ts', import.meta.url), { type: 'module', name: 'inference' }),
		(res) => INFERENCE_SETTLING.has(res.type)
	);

	/** Loads onnxruntime-web for one EP; `unavailable` says why it cannot run here. */
	load(ep: OrtEp, numThreads: number): Promise<Reply<'loaded'>> {
		return this.#client.request<Reply<'loaded'>>({ type: 'load', ep, numThreads });
	}

	/** Times single-node MatMul models at each size, streaming each row. */
	matmulTiming(sizes: number[], budgetMs: number, onRow: (row: MatmulTimingRow) => void): Promise<Reply<'matmul-timing-done'>> {
		return this.#client.request<Reply<'matmul-timing-done'>>({ type: 'matmul-timing', sizes, budgetMs }, (event) => {
			if (event.type === 'matmul-timing-row') onRow(event);
		});
	}

	/** Measures a model on onnxruntime-web, the session on the first of `eps` that works here. */
	modelBench(model: Uint8Array, spec: ModelBenchSpec, eps: OrtEp[]): Promise<Reply<'model-bench-done'>> {
		return this.#client.request<Reply<'model-bench-done'>>({ type: 'model-bench', model, spec, eps });
	}

	terminate(reason?: string) {
		this.#client.terminate(reason);
	}
}
