import type { BackendId, BenchResult } from '$lib/schemas/result';

/** `tito community stats`, from this device's own records only. */
export interface LocalStats {
	runs: number;
	baselineRuns: number;
	capstoneRuns: number;
	/** Best TinyTorch baseline score per backend, with when it was reached. */
	bestScores: { backend: BackendId; score: number; at: string }[];
	firstRun: string | null;
	lastRun: string | null;
}

export function localStats(results: BenchResult[]): LocalStats {
	const best = new Map<BackendId, { score: number; at: string }>();
	for (const r of results)
		for (const s of r.scores) {
			const prev = best.get(s.backend);
			if (!prev || s.score > prev.score) best.set(s.backend, { score: s.score, at: r.started_at });
		}
	const times = results.map((r) => r.started_at).sort();
	return {
		runs: results.length,
		baselineRuns: results.filter((r) => r.suite === 'baseline').length,
		capstoneRuns: results.filter((r) => r.suite === 'capstone').length,
		bestScores: [...best].map(([backend, v]) => ({ backend, ...v })).sort((a, b) => b.score - a.score),
		firstRun: times[0] ?? null,
		lastRun: times.at(-1) ?? null
	};
}
