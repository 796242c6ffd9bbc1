import { z } from 'zod';

export const ms = z.number().nonnegative().max(3_600_000);

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
