import type { ModelMetrics } from '$lib/schemas/module20';

/**
 * The Torch Olympics events (TinyTorch Module 20), computed on this device from a
 * capstone run. Each says what it measures and whether the run qualifies; there is
 * no ranking here, only the student's own numbers against the event's rules.
 */
export interface EventOutcome {
	event: 'latency_sprint' | 'memory_challenge' | 'accuracy_contest' | 'all_around';
	title: string;
	measures: string;
	qualifies: boolean;
	/** Why not, when it does not qualify. */
	reason: string | null;
	/** The event's number for this run, in `unit`; lower is better for latency and memory. */
	value: number;
	unit: string;
}

export const EVENT_RULES = {
	latencySprint: { minAccuracy: 0.85 },
	memoryChallenge: { minAccuracy: 0.85 },
	accuracyContest: { maxLatencyMs: 100, maxSizeMb: 10 },
	allAround: { minAccuracy: 0.8 }
} as const;

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

/** All-around: geometric mean of accuracy and of speed and size relative to the baseline (1.0 = the baseline itself). */
export function allAroundScore(m: ModelMetrics, baseline: ModelMetrics): number {
	const speed = baseline.latency_ms_mean / m.latency_ms_mean;
	const size = baseline.model_size_mb / Math.max(m.model_size_mb, 1e-9);
	return Math.cbrt(Math.max(m.accuracy, 0) * speed * size);
}

export function olympicEvents(m: ModelMetrics, baseline: ModelMetrics = m): EventOutcome[] {
	const { latencySprint, memoryChallenge, accuracyContest, allAround } = EVENT_RULES;
	return [
		{
			event: 'latency_sprint',
			title: 'Latency sprint',
			measures: `Mean time for one inference, with accuracy at least ${pct(latencySprint.minAccuracy)}.`,
			qualifies: m.accuracy >= latencySprint.minAccuracy,
			reason: m.accuracy >= latencySprint.minAccuracy ? null : `Accuracy ${pct(m.accuracy)} is below ${pct(latencySprint.minAccuracy)}.`,
			value: m.latency_ms_mean,
			unit: 'ms'
		},
		{
			event: 'memory_challenge',
			title: 'Memory challenge',
			measures: `Model size, with accuracy at least ${pct(memoryChallenge.minAccuracy)}.`,
			qualifies: m.accuracy >= memoryChallenge.minAccuracy,
			reason: m.accuracy >= memoryChallenge.minAccuracy ? null : `Accuracy ${pct(m.accuracy)} is below ${pct(memoryChallenge.minAccuracy)}.`,
			value: m.model_size_mb,
			unit: 'MB'
		},
		{
			event: 'accuracy_contest',
			title: 'Accuracy contest',
			measures: `Accuracy, with one inference under ${accuracyContest.maxLatencyMs} ms and a model under ${accuracyContest.maxSizeMb} MB.`,
			qualifies: m.latency_ms_mean < accuracyContest.maxLatencyMs && m.model_size_mb < accuracyContest.maxSizeMb,
			reason:
				m.latency_ms_mean >= accuracyContest.maxLatencyMs
					? `One inference takes ${m.latency_ms_mean.toFixed(1)} ms, over ${accuracyContest.maxLatencyMs} ms.`
					: m.model_size_mb >= accuracyContest.maxSizeMb
						? `The model is ${m.model_size_mb.toFixed(1)} MB, over ${accuracyContest.maxSizeMb} MB.`
						: null,
			value: 100 * m.accuracy,
			unit: '%'
		},
		{
			event: 'all_around',
			title: 'All-around',
			measures: 'Balance of accuracy, speed and size: the geometric mean of accuracy, speedup and compression over the baseline model.',
			qualifies: m.accuracy >= allAround.minAccuracy,
			reason: m.accuracy >= allAround.minAccuracy ? null : `Accuracy ${pct(m.accuracy)} is below ${pct(allAround.minAccuracy)}.`,
			value: allAroundScore(m, baseline),
			unit: 'points'
		}
	];
}
