import { scoresOf } from '$lib/bench/runner';
import type { ComputeReport } from '$lib/schemas/compute';
import type { BenchResult, WorkloadResult } from '$lib/schemas/result';

/** Small, valid records for unit tests. */
export const report = (over: Partial<ComputeReport> = {}): ComputeReport => ({
	schema: 'tito-web/compute@1',
	detectedAt: '2026-11-23T10:00:00.000Z',
	webgpu: { available: false, reason: 'no adapter' },
	wasm: { available: true, simd: true, relaxedSimd: true, threads: true },
	crossOriginIsolated: true,
	hardwareConcurrency: 4,
	deviceMemoryGb: 8,
	userAgent: 'test',
	platform: null,
	...over
});

export const row = (backend: WorkloadResult['backend'], workload: string, median: number, passed = true): WorkloadResult => ({
	workload,
	backend,
	threads: 1,
	shape: '100×100',
	measurement: {
		median_ms: median, p10_ms: median, p90_ms: median, mad_ms: 0, ci95_ms: [median, median], mean_ms: median,
		std_ms: 0, samples: 5, cold_ms: median, timer: 'performance.now', resolution_ms: 0.005
	},
	flops: 2e6,
	bytes: 1e5,
	// Consistent with flops and bytes over the median, as a real run's are.
	gflops: 2e6 / (median * 1e6),
	gbps: 1e5 / (median * 1e6),
	check: { passed, max_abs_error: 0, tolerance: 1e-5 },
	error: passed ? null : 'Wrong answer'
});

export const result = (rows: WorkloadResult[], over: Partial<BenchResult> = {}): BenchResult => ({
	schema: 'tito-web/result@1',
	id: '5b0c3f4e-8f0a-4d6a-9a57-3f1f2b6f7c11',
	suite: 'baseline',
	started_at: '2026-11-23T10:00:00.000Z',
	finished_at: '2026-11-23T10:00:12.000Z',
	app_version: 'test',
	status: 'complete',
	compute: report(),
	workloads: rows,
	scores: scoresOf(rows),
	notes: [],
	...over
});

export const baselineRows = (backend: WorkloadResult['backend'] = 'wasm-simd', ms = 1) =>
	['tensor_ops', 'matmul', 'forward_pass'].map((w) => row(backend, w, ms));
