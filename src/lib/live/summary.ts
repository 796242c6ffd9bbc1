import type { ClassSummary } from '$lib/schemas/live';
import type { BenchResult } from '$lib/schemas/result';

/** What a finished baseline tells the class: scores and speeds, the adapter, and whether every answer was right. */
export function classSummary(r: BenchResult): ClassSummary {
	const best = [...r.scores].sort((a, b) => b.score - a.score)[0] ?? null;
	const gpu = r.compute.webgpu;
	const failures = r.workloads.filter((w) => w.error || !w.check.passed).map((w) => (w.error ?? `${w.workload} on ${w.backend}: wrong answer`).slice(0, 300));
	return {
		result_id: r.id,
		best_backend: best?.backend ?? null,
		best_score: best?.score ?? null,
		scores: r.scores.map((s) => ({ backend: s.backend, score: s.score })),
		matmul_gflops: r.workloads
			.filter((w) => w.workload === 'matmul' && w.check.passed && w.gflops !== null)
			.map((w) => ({ backend: w.backend, gflops: w.gflops! })),
		webgpu: gpu.available
			? { available: true, vendor: gpu.vendor.slice(0, 80), architecture: gpu.architecture.slice(0, 80), software: gpu.software }
			: { available: false, reason: gpu.reason.slice(0, 300) },
		correct: failures.length === 0,
		failures: failures.slice(0, 20),
		duration_ms: Math.max(0, Date.parse(r.finished_at) - Date.parse(r.started_at))
	};
}
