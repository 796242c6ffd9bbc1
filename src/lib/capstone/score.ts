import type { CapstoneScore, ModelReport, ModelRun } from '$lib/schemas/capstone';
import type { WorkloadResult } from '$lib/schemas/result';
import { primaryRun } from './model-metrics';

/**
 * The capstone score stored in the profile (`progress.capstone_score`). Everything in it
 * is measured in the run it belongs to; the definition is shown with every result.
 */
export const CAPSTONE_SCORE_DEFINITION =
	'Capstone score = 100 × the mean of three parts, each from 0 to 1. Correctness: the share of the capstone’s checks that passed (every kernel against its float64 reference, every engine’s model outputs against onnxruntime-web’s). Accuracy: the shipped models’ mean accuracy on their eval sets. Own-kernel speed: for each shipped model, onnxruntime-web’s best batch-1 latency divided by the own kernels’ best, at most 1 (geometric mean over the models). 100 means every check passed, every eval image was classified right, and your kernels keep up with onnxruntime-web.';

const isOrt = (r: ModelRun) => r.engine.startsWith('ort-');
const best = (runs: ModelRun[]) => Math.min(...runs.filter((r) => r.status === 'ok' && r.latency).map((r) => r.latency!.median_ms));

export function capstoneScore(rows: WorkloadResult[], models: ModelReport[]): CapstoneScore | null {
	const runs = models.flatMap((m) => m.runs);
	const modelChecks = runs.filter((r) => r.agreement || r.status === 'error');
	const checks = rows.length + modelChecks.length;
	if (!checks || !models.length) return null;
	const passed = rows.filter((r) => r.check.passed && !r.error).length + modelChecks.filter((r) => r.agreement?.within).length;
	const accuracies = models.map((m) => primaryRun(m)?.accuracy ?? 0);
	const speed = models.map((m) => {
		const ort = best(m.runs.filter(isOrt));
		const own = best(m.runs.filter((r) => !isOrt(r)));
		return Number.isFinite(ort) && Number.isFinite(own) && own > 0 ? Math.min(1, ort / own) : 0;
	});
	const correctness = passed / checks;
	const accuracy = accuracies.reduce((a, b) => a + b, 0) / accuracies.length;
	const kernels = speed.some((s) => s === 0) ? 0 : Math.exp(speed.reduce((a, s) => a + Math.log(s), 0) / speed.length);
	return { value: Math.round((100 * (correctness + accuracy + kernels)) / 3), correctness, accuracy, kernels, definition: CAPSTONE_SCORE_DEFINITION };
}
