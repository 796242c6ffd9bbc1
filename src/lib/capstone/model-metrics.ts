import type { ModelReport, ModelRun } from '$lib/schemas/capstone';
import type { ModelMetrics } from '$lib/schemas/module20';

/**
 * The run a model's Module 20 metrics come from: the onnxruntime-web session on the WebGPU
 * EP when it really ran there, else on the WASM EP — the same rule for every model, so a
 * baseline and an optimised model are timed the same way.
 */
export function primaryRun(report: ModelReport): ModelRun | null {
	const ok = (engine: ModelRun['engine']) => report.runs.find((r) => r.engine === engine && r.status === 'ok' && r.latency);
	const gpu = ok('ort-webgpu');
	return (gpu?.ep === 'webgpu' ? gpu : null) ?? ok('ort-wasm') ?? null;
}

export const MB = 1024 * 1024;

/** Module 20's metrics of a measured model; null (with why) when it has no accuracy or no run. */
export function modelMetrics(report: ModelReport): { metrics: ModelMetrics; run: ModelRun } | { missing: string } {
	const run = primaryRun(report);
	if (!run?.latency) return { missing: `${report.model} did not run on onnxruntime-web here.` };
	if (run.accuracy === null) return { missing: `${report.model} was run without labelled eval data, so it has no accuracy.` };
	return {
		run,
		metrics: {
			parameter_count: report.parameter_count,
			model_size_mb: report.size_bytes / MB,
			accuracy: run.accuracy,
			latency_ms_mean: run.latency.mean_ms,
			latency_ms_std: run.latency.std_ms,
			// Samples per second at the larger batch where the model takes one, else one at a time.
			throughput: run.throughput_batch ?? run.throughput_1 ?? 0
		}
	};
}
