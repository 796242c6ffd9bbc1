import type { BackendId, BaselineScore } from '$lib/schemas/result';

/**
 * TinyTorch's baseline reference machine (an Intel i5 8th-gen laptop running NumPy),
 * and its times in ms, as in `tito benchmark baseline`.
 */
export const REFERENCE_SYSTEM = {
	description: 'Intel i5 8th gen laptop, NumPy float32 (TinyTorch reference)',
	times_ms: { tensor_ops: 0.8, matmul: 2.5, forward_pass: 6.7, total: 10.0 }
} as const;

/** Per-workload score shown beside each row: 100 means as fast as the reference machine or faster. */
export const workloadScore = (refMs: number, actualMs: number) => Math.min(100, (100 * refMs) / Math.max(actualMs, 0.001));

/**
 * The overall score exactly as the CLI computes it: normalised = ref / max(actual, 0.001)
 * per workload; total_normalised = 10.0 / (sum of the three times); score =
 * min(100, floor(100 · total_normalised)).
 */
export function baselineScore(
	backend: BackendId,
	times: { tensor_ops_ms: number; matmul_ms: number; forward_pass_ms: number }
): BaselineScore {
	const ref = REFERENCE_SYSTEM.times_ms;
	const total = times.tensor_ops_ms + times.matmul_ms + times.forward_pass_ms;
	const totalNormalized = ref.total / Math.max(total, 0.001);
	return {
		backend,
		...times,
		total_ms: total,
		tensor_ops_normalized: ref.tensor_ops / Math.max(times.tensor_ops_ms, 0.001),
		matmul_normalized: ref.matmul / Math.max(times.matmul_ms, 0.001),
		forward_pass_normalized: ref.forward_pass / Math.max(times.forward_pass_ms, 0.001),
		total_normalized: totalNormalized,
		score: Math.min(100, Math.floor(100 * totalNormalized))
	};
}
