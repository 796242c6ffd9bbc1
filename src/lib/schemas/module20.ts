import { z } from 'zod';
import { isoTimestamp } from './common';

/**
 * TinyTorch's Module 20 (Torch Olympics) submission. The same schema validates it in the
 * browser, in exports and on the server. Speedups over 50× or compression over 32× are
 * rejected as implausible: they almost always mean a measuring mistake.
 */
export const MAX_SPEEDUP = 50;
export const MAX_COMPRESSION = 32;

export const OLYMPIC_EVENTS = ['latency_sprint', 'memory_challenge', 'accuracy_contest', 'all_around'] as const;
export const DIVISIONS = ['closed', 'open'] as const;

export const modelMetricsSchema = z.object({
	parameter_count: z.number().int().nonnegative().max(1e11),
	model_size_mb: z.number().nonnegative().max(100_000),
	/** Fraction in [0, 1]. */
	accuracy: z.number().min(0).max(1),
	latency_ms_mean: z.number().positive().max(3_600_000),
	latency_ms_std: z.number().nonnegative().max(3_600_000),
	/** Inferences per second. */
	throughput: z.number().nonnegative().max(1e9)
});
export type ModelMetrics = z.infer<typeof modelMetricsSchema>;

const modelEntrySchema = z.object({
	model_name: z.string().trim().min(1).max(120),
	/** sha256 of the .onnx file, hex: the closed division requires the shipped model's hash. */
	model_sha256: z.string().regex(/^[0-9a-f]{64}$/).optional(),
	metrics: modelMetricsSchema
});

export const improvementsSchema = z.object({
	speedup: z.number().positive(),
	compression_ratio: z.number().positive(),
	accuracy_delta: z.number().min(-1).max(1)
});

export const module20SubmissionSchema = z
	.object({
		tinytorch_version: z.string().max(40),
		submission_type: z.literal('capstone'),
		timestamp: isoTimestamp,
		event: z.enum(OLYMPIC_EVENTS).optional(),
		division: z.enum(DIVISIONS).optional(),
		system_info: z.record(z.string(), z.union([z.string().max(500), z.number(), z.boolean(), z.null()])),
		baseline: modelEntrySchema,
		optimized: modelEntrySchema.optional(),
		improvements: improvementsSchema.optional()
	})
	.superRefine((s, ctx) => {
		if (!s.improvements) return;
		if (s.improvements.speedup > MAX_SPEEDUP)
			ctx.addIssue({
				code: 'custom',
				path: ['improvements', 'speedup'],
				message: `A ${s.improvements.speedup.toFixed(1)}× speedup is implausible (over ${MAX_SPEEDUP}×): check that both models were timed the same way, on the same backend and batch size.`
			});
		if (s.improvements.compression_ratio > MAX_COMPRESSION)
			ctx.addIssue({
				code: 'custom',
				path: ['improvements', 'compression_ratio'],
				message: `A ${s.improvements.compression_ratio.toFixed(1)}× compression is implausible (over ${MAX_COMPRESSION}×, more than float32 → 1 bit): check the model sizes.`
			});
	});
export type Module20Submission = z.infer<typeof module20SubmissionSchema>;
