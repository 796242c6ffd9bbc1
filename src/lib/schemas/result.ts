import { z } from 'zod';
import { isoTimestamp } from './common';
import { capstoneBlockSchema, modelReportSchema } from './capstone';
import { computeReportSchema } from './compute';
import { backendSchema } from './backends';
import { measurementSchema, ms } from './measurement';

/**
 * One benchmark run, as saved locally, exported as JSON and (after opt-in) synced.
 * Versioned by `schema`; readers restore older versions through migrations, never guess.
 */
export { BACKENDS, backendSchema, type BackendId } from './backends';
export { measurementSchema, type Measurement } from './measurement';

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
	notes: z.array(z.string().max(500)).max(50),
	/** Baseline runs: the tiny shipped ONNX model through onnxruntime-web (absent in older results). */
	models: z.array(modelReportSchema).max(3).optional(),
	/** Capstone runs only: roofline, models, memory, submission, Olympics, score. */
	capstone: capstoneBlockSchema.optional()
});
export type BenchResult = z.infer<typeof benchResultSchema>;
