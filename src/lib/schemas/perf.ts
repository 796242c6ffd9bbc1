import { z } from 'zod';
import { computeReportSchema } from './compute';
import { measurementSchema } from './result';

/**
 * The performance lab's report (/bench/perf, `npm run bench` kernels section): own kernels
 * against onnxruntime-web on the same inputs, timed the same way. Versioned by `schema`.
 */
export const perfImplSchema = z.enum(['own', 'onnxruntime-web']);
export const perfBackendSchema = z.enum(['wasm', 'webgpu']);

/** Summary of one timing, in the flat shape scripts read. */
export const perfTimingSchema = z.object({
	gflops: z.number().nonnegative().nullable(),
	median_ms: z.number().nonnegative(),
	p10_ms: z.number().nonnegative(),
	p90_ms: z.number().nonnegative(),
	timer: measurementSchema.shape.timer
});

const checkSchema = z.object({
	passed: z.boolean(),
	max_abs_error: z.number().nonnegative().nullable(),
	/** atol + rtol·|expected|, per element. */
	atol: z.number().nonnegative(),
	rtol: z.number().nonnegative()
});

export const perfEntrySchema = z.object({
	impl: perfImplSchema,
	backend: perfBackendSchema,
	/** Own kernels: the result backend id (wasm-simd, wasm-simd-threads, webgpu); onnxruntime-web: its EP. */
	variant: z.string().max(40),
	label: z.string().max(120),
	/** Square matmul n×n·n×n. */
	size: z.number().int().positive(),
	/** CPU threads; null on the GPU. */
	threads: z.number().int().positive().nullable(),
	/** ok: measured and correct; invalid: measured, wrong answer; unavailable / error: not measured, see reason. */
	status: z.enum(['ok', 'invalid', 'unavailable', 'error']),
	reason: z.string().max(2000).nullable(),
	/** From JS Float32Array inputs to a JS Float32Array output, copies included (the same for both sides). */
	gflops: z.number().nonnegative().nullable(),
	median_ms: z.number().nonnegative().nullable(),
	p10_ms: z.number().nonnegative().nullable(),
	p90_ms: z.number().nonnegative().nullable(),
	end_to_end: measurementSchema.nullable(),
	/** Own kernels only: run() on resident inputs, no copies. */
	kernel_only: perfTimingSchema.nullable(),
	/** Session creation (onnxruntime-web) or prepare (own kernels), ms. */
	setup_ms: z.number().nonnegative().nullable(),
	check: z.object({ reference: checkSchema.nullable(), vs_onnxruntime: checkSchema.nullable() })
});
export type PerfEntry = z.infer<typeof perfEntrySchema>;

/** own ÷ other GFLOP/s (end to end) for one size; above 1 means ours is faster. */
export const perfRatioSchema = z.object({
	name: z.string().max(80),
	description: z.string().max(200),
	size: z.number().int().positive(),
	ratio: z.number().nonnegative().nullable(),
	/** The target from the compute-core issue, where one applies at this size. */
	target: z.number().positive().nullable(),
	met: z.boolean().nullable(),
	/** Why there is no ratio (a side unavailable or invalid). */
	reason: z.string().max(500).nullable()
});
export type PerfRatio = z.infer<typeof perfRatioSchema>;

export const perfReportSchema = z.object({
	schema: z.literal('tito-web/perf@1'),
	started_at: z.string().max(40),
	finished_at: z.string().max(40),
	onnxruntime_version: z.string().max(20),
	settings: z.object({ cpu_sizes: z.array(z.number().int().positive()), gpu_sizes: z.array(z.number().int().positive()), budget_ms: z.number().positive() }),
	compute: computeReportSchema,
	entries: z.array(perfEntrySchema).max(500),
	ratios: z.array(perfRatioSchema).max(500)
});
export type PerfReport = z.infer<typeof perfReportSchema>;
