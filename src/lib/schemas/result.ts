import { z } from 'zod';
import { isoTimestamp } from './common';
import { computeReportSchema } from './compute';

/**
 * One benchmark run, as saved locally, exported as JSON and (after opt-in) synced.
 * Versioned by `schema`; readers restore older versions through migrations, never guess.
 */
export const BACKENDS = ['webgpu', 'wasm-simd-threads', 'wasm-simd', 'wasm-scalar', 'js'] as const;
export const backendSchema = z.enum(BACKENDS);
export type BackendId = z.infer<typeof backendSchema>;

const ms = z.number().nonnegative().max(3_600_000);

/** The statistics of one timed measurement: warm runs only; the cold (first) run apart. */
export const measurementSchema = z.object({
	median_ms: ms,
	p10_ms: ms,
	p90_ms: ms,
	/** Added with the capstone's inference latencies; older records have no tail percentiles. */
	p95_ms: ms.optional(),
	p99_ms: ms.optional(),
	mad_ms: ms,
	ci95_ms: z.tuple([ms, ms]),
	mean_ms: ms,
	std_ms: ms,
	samples: z.number().int().min(1).max(1_000_000),
	cold_ms: ms.nullable(),
	timer: z.enum(['performance.now', 'gpu-timestamp', 'gpu-submitted-work']),
	resolution_ms: z.number().nonnegative().max(1000)
});
export type Measurement = z.infer<typeof measurementSchema>;

export const workloadResultSchema = z.object({
	/** e.g. tensor_ops, matmul, forward_pass, matmul_512, conv2d_cifar, onnx:tiny-mlp */
	workload: z.string().min(1).max(80),
	backend: backendSchema,
	threads: z.number().int().min(1).max(256),
	/** Human description of the shapes, e.g. "100×100 · 100×100". */
	shape: z.string().max(200),
	measurement: measurementSchema.nullable(),
	flops: z.number().nonnegative().nullable(),
	bytes: z.number().nonnegative().nullable(),
	gflops: z.number().nonnegative().max(1_000_000).nullable(),
	gbps: z.number().nonnegative().max(1_000_000).nullable(),
	check: z.object({
		passed: z.boolean(),
		max_abs_error: z.number().nonnegative().nullable(),
		tolerance: z.number().nonnegative()
	}),
	/** Set when this workload could not run or its result is not valid: plain words. */
	error: z.string().max(2000).nullable()
});
export type WorkloadResult = z.infer<typeof workloadResultSchema>;

/** TinyTorch's baseline score for one backend, computed as `tito benchmark baseline` does. */
export const baselineScoreSchema = z.object({
	backend: backendSchema,
	tensor_ops_ms: ms,
	matmul_ms: ms,
	forward_pass_ms: ms,
	total_ms: ms,
	tensor_ops_normalized: z.number().nonnegative(),
	matmul_normalized: z.number().nonnegative(),
	forward_pass_normalized: z.number().nonnegative(),
	total_normalized: z.number().nonnegative(),
	score: z.number().int().min(0).max(100)
});
export type BaselineScore = z.infer<typeof baselineScoreSchema>;

export const benchResultSchema = z.object({
	schema: z.literal('tito-web/result@1'),
	id: z.uuid(),
	suite: z.enum(['baseline', 'capstone']),
	started_at: isoTimestamp,
	finished_at: isoTimestamp,
	app_version: z.string().max(40),
	status: z.enum(['complete', 'partial', 'cancelled']),
	compute: computeReportSchema,
	workloads: z.array(workloadResultSchema).max(500),
	scores: z.array(baselineScoreSchema).max(10),
	/** Things that affect how to read the numbers: tab hidden, device lost, a backend skipped and why. */
	notes: z.array(z.string().max(500)).max(50)
});
export type BenchResult = z.infer<typeof benchResultSchema>;
