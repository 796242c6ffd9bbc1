import { version } from '$app/environment';
import type { ModelReport } from '$lib/schemas/capstone';
import type { ComputeReport } from '$lib/schemas/compute';
import type { Module20Submission } from '$lib/schemas/module20';
import { modelMetrics } from './model-metrics';
import { olympicEvents, type EventOutcome } from './olympics';
import { buildSubmission, type BuiltSubmission } from './submission';

/** The Module 20 submission and Olympics entries of a capstone run, from its measured models. */
export const BASELINE_MODEL = 'tiny-digits-mlp';

export function systemInfo(compute: ComputeReport, engine: string): Module20Submission['system_info'] {
	const gpu = compute.webgpu;
	return {
		platform: 'browser',
		user_agent: compute.userAgent.slice(0, 500),
		os: compute.platform,
		cpu_count: compute.hardwareConcurrency,
		cross_origin_isolated: compute.crossOriginIsolated,
		gpu: gpu.available ? [gpu.vendor, gpu.architecture, gpu.description].filter(Boolean).join(' ').slice(0, 500) || 'unknown' : null,
		gpu_is_software: gpu.available ? gpu.software : null,
		engine
	};
}

/** Baseline: the shipped MLP; optimised: any other measured model with labels (the student's). */
export function submissionFor(compute: ComputeReport, baseline: ModelReport, optimized: ModelReport | null): BuiltSubmission {
	const base = modelMetrics(baseline);
	if ('missing' in base) return { ok: false, problems: [base.missing] };
	const opt = optimized ? modelMetrics(optimized) : null;
	if (opt && 'missing' in opt) return { ok: false, problems: [opt.missing] };
	return buildSubmission({
		tinytorchVersion: `tito-web ${version}`,
		systemInfo: systemInfo(compute, base.run.label),
		baseline: { name: baseline.model, sha256: baseline.sha256 ?? undefined, metrics: base.metrics },
		optimized: opt ? { name: optimized!.model, sha256: optimized!.sha256 ?? undefined, metrics: opt.metrics } : undefined,
		division: opt ? 'open' : 'closed'
	});
}

export interface OlympicsEntry {
	division: 'closed' | 'open';
	model_name: string;
	events: EventOutcome[];
}

/** Closed division: each shipped model as shipped; open: the student's model against the baseline. */
export function olympicsFor(shipped: ModelReport[], baseline: ModelReport | null, open: ModelReport | null): OlympicsEntry[] {
	const entries: OlympicsEntry[] = [];
	const base = baseline ? modelMetrics(baseline) : null;
	for (const m of shipped) {
		const got = modelMetrics(m);
		if ('metrics' in got) entries.push({ division: 'closed', model_name: m.model, events: olympicEvents(got.metrics) });
	}
	if (open && base && 'metrics' in base) {
		const got = modelMetrics(open);
		if ('metrics' in got) entries.push({ division: 'open', model_name: open.model, events: olympicEvents(got.metrics, base.metrics) });
	}
	return entries;
}
