import type { ModelRunner } from './model-bench';
import { createSession, type CreatedSession, type OrtEp, type OrtRuntime } from './ort';

/**
 * A model on onnxruntime-web as a ModelRunner: the session is created from the bytes on
 * the EPs asked for, in order (the one that worked is reported), and fed float32 samples
 * on its first input; its first output is read back.
 */
export async function openOrtModel(
	rt: OrtRuntime,
	bytes: Uint8Array,
	eps: OrtEp[],
	shape: { sampleShape: number[]; batched: boolean }
): Promise<{ runner: ModelRunner; created: CreatedSession }> {
	const created = await createSession(rt, bytes, eps);
	const { session } = created;
	const [input] = session.inputNames;
	const [output] = session.outputNames;
	const runner: ModelRunner = {
		maxBatch: shape.batched ? Number.MAX_SAFE_INTEGER : 1,
		async run(data, count) {
			const dims = shape.batched ? [count, ...shape.sampleShape] : shape.sampleShape;
			const result = await session.run({ [input]: new rt.ort.Tensor('float32', data, dims) });
			const out = result[output];
			if (out.type !== 'float32') throw new Error(`The model's output "${output}" is ${out.type}; Tito Web reads float32 outputs.`);
			return out.data as Float32Array;
		},
		dispose: () => void session.release()
	};
	return { runner, created };
}
