import { fileStamp } from '$lib/community/tinytorch-files';
import type { BaselineScore, BenchResult } from '$lib/schemas/result';
import type { SubmissionRecord } from '$lib/schemas/submission';
import { backendName } from './runner';
import { REFERENCE_SYSTEM } from './score';

/** The best backend's score of a run: what a student would submit. */
export const bestScore = (r: BenchResult): BaselineScore | null => [...r.scores].sort((a, b) => b.score - a.score)[0] ?? null;

const raw = (s: BaselineScore) => ({ tensor_ops_ms: s.tensor_ops_ms, matmul_ms: s.matmul_ms, forward_pass_ms: s.forward_pass_ms, total_ms: s.total_ms });
const normalized = (s: BaselineScore) => ({
	tensor_ops_normalized: s.tensor_ops_normalized,
	matmul_normalized: s.matmul_normalized,
	forward_pass_normalized: s.forward_pass_normalized,
	total_normalized: s.total_normalized,
	score: s.score
});

/** What this browser can say about the machine, in the CLI's `system_info` keys. */
export function systemInfo(r: BenchResult, s: BaselineScore) {
	const gpu = r.compute.webgpu;
	return {
		platform: r.compute.platform ?? 'browser',
		processor: s.backend === 'webgpu' && gpu.available ? `${gpu.vendor} ${gpu.architecture}`.trim() || 'WebGPU adapter' : backendName(s.backend),
		python_version: `none (Tito Web ${r.app_version} in ${r.compute.userAgent.match(/(Chrome|Firefox|Safari|Edg)\/[\d.]+/)?.[0] ?? 'a browser'})`,
		cpu_count: r.compute.hardwareConcurrency
	};
}

/** `.tito/benchmarks/baseline_<ts>.json`, as `tito benchmark baseline` writes it, for the best backend. */
export function cliBaselineFile(r: BenchResult) {
	const s = bestScore(r);
	if (!s) return null;
	return {
		name: `baseline_${fileStamp(r.started_at)}.json`,
		file: {
			benchmark_type: 'baseline',
			timestamp: r.started_at,
			system_info: systemInfo(r, s),
			reference_system: { description: REFERENCE_SYSTEM.description, times_ms: REFERENCE_SYSTEM.times_ms },
			raw_metrics: raw(s),
			normalized_metrics: normalized(s),
			metrics: { ...raw(s), ...normalized(s) }
		}
	};
}

/** TinyTorch's "submit?" answer: a baseline submission file, saved to the profile. */
export function baselineSubmission(r: BenchResult, includeSystemInfo: boolean, now = new Date()): SubmissionRecord | null {
	const s = bestScore(r);
	if (!s) return null;
	return {
		schema: 'tito-web/submission@1',
		id: crypto.randomUUID(),
		created_at: now.toISOString(),
		result_id: r.id,
		file: {
			benchmark_type: 'baseline',
			timestamp: r.started_at,
			metrics: { ...raw(s), ...normalized(s), backend: s.backend },
			include_system_info: includeSystemInfo,
			anonymous: true,
			...(includeSystemInfo ? { system_info: systemInfo(r, s) } : {})
		}
	};
}
