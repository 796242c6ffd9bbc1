import { module20SubmissionSchema, type ModelMetrics, type Module20Submission } from '$lib/schemas/module20';

/** The normalised, hardware-independent comparison of an optimised model with its baseline (Module 20). */
export function improvements(baseline: ModelMetrics, optimized: ModelMetrics) {
	return {
		speedup: baseline.latency_ms_mean / optimized.latency_ms_mean,
		compression_ratio: baseline.model_size_mb / Math.max(optimized.model_size_mb, 1e-9),
		accuracy_delta: optimized.accuracy - baseline.accuracy
	};
}

export interface SubmissionInput {
	tinytorchVersion: string;
	systemInfo: Module20Submission['system_info'];
	baseline: { name: string; sha256?: string; metrics: ModelMetrics };
	optimized?: { name: string; sha256?: string; metrics: ModelMetrics };
	event?: Module20Submission['event'];
	division?: Module20Submission['division'];
	now?: Date;
}

export type BuiltSubmission = { ok: true; submission: Module20Submission } | { ok: false; problems: string[] };

/** Builds the TinyTorch submission JSON and validates it; implausible claims come back as sentences. */
export function buildSubmission(input: SubmissionInput): BuiltSubmission {
	const entry = (m: NonNullable<SubmissionInput['optimized']>) => ({
		model_name: m.name,
		...(m.sha256 ? { model_sha256: m.sha256 } : {}),
		metrics: m.metrics
	});
	const candidate = {
		tinytorch_version: input.tinytorchVersion,
		submission_type: 'capstone' as const,
		timestamp: (input.now ?? new Date()).toISOString(),
		...(input.event ? { event: input.event } : {}),
		...(input.division ? { division: input.division } : {}),
		system_info: input.systemInfo,
		baseline: entry(input.baseline),
		...(input.optimized
			? { optimized: entry(input.optimized), improvements: improvements(input.baseline.metrics, input.optimized.metrics) }
			: {})
	};
	const parsed = module20SubmissionSchema.safeParse(candidate);
	return parsed.success ? { ok: true, submission: parsed.data } : { ok: false, problems: parsed.error.issues.map((i) => i.message) };
}
