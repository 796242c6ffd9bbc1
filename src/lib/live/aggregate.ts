import type { ParticipantStatus, ParticipantView } from '$lib/schemas/live';
import type { BackendId } from '$lib/schemas/result';

/** The projector's numbers, from the participants it knows. No names, except an opted-in top-N. */
export interface ClassView {
	counts: Record<ParticipantStatus | 'total', number>;
	/** Best score per student, in bins of 10, split by the family that gave it. */
	scoreBins: { bin: string; gpu: number; cpu: number }[];
	/** Matmul GFLOP/s per student and family, in decades. */
	gflopsBins: { bin: string; gpu: number; cpu: number }[];
	family: { gpu: number; cpu: number };
	adapters: { label: string; count: number; software: boolean }[];
	noWebgpu: { reason: string; count: number }[];
	failures: { failure: string; count: number }[];
	top: { nickname: string; score: number; backend: BackendId }[];
}

const SCORE_BINS = Array.from({ length: 10 }, (_, i) => (i === 9 ? '90–100' : `${i * 10}–${i * 10 + 9}`));
const scoreBin = (s: number) => SCORE_BINS[Math.min(9, Math.floor(s / 10))];
const GFLOPS_EDGES = [0.1, 1, 10, 100, 1000];
const GFLOPS_BINS = ['< 0.1', '0.1–1', '1–10', '10–100', '100–1000', '≥ 1000'];
const gflopsBin = (g: number) => GFLOPS_BINS[GFLOPS_EDGES.filter((e) => g >= e).length];
const isGpu = (b: BackendId) => b === 'webgpu';

function tally<K>(items: K[]): Map<K, number> {
	const m = new Map<K, number>();
	for (const k of items) m.set(k, (m.get(k) ?? 0) + 1);
	return m;
}

export function classView(people: ParticipantView[], topN: number): ClassView {
	const counts = { total: people.length, joined: 0, running: 0, done: 0, failed: 0 };
	for (const p of people) counts[p.status]++;
	const done = people.filter((p) => p.summary);
	const scoreBins = SCORE_BINS.map((bin) => ({ bin, gpu: 0, cpu: 0 }));
	const gflopsBins = GFLOPS_BINS.map((bin) => ({ bin, gpu: 0, cpu: 0 }));
	const family = { gpu: 0, cpu: 0 };
	for (const p of done) {
		const s = p.summary!;
		if (s.best_score !== null && s.best_backend) {
			const side = isGpu(s.best_backend) ? 'gpu' : 'cpu';
			scoreBins.find((b) => b.bin === scoreBin(s.best_score!))![side]++;
			family[side]++;
		}
		for (const side of ['gpu', 'cpu'] as const) {
			const best = Math.max(...s.matmul_gflops.filter((g) => isGpu(g.backend) === (side === 'gpu')).map((g) => g.gflops), -1);
			if (best >= 0) gflopsBins.find((b) => b.bin === gflopsBin(best))![side]++;
		}
	}
	const adapterOf = (p: ParticipantView) => {
		const w = p.summary!.webgpu;
		return w.available ? `${w.vendor || 'unknown vendor'} ${w.architecture}`.trim() + (w.software ? ' (software)' : '') : null;
	};
	const adapters = [...tally(done.map(adapterOf).filter((a): a is string => a !== null))].map(([label, count]) => ({ label, count, software: label.endsWith('(software)') }));
	const noWebgpu = [...tally(done.map((p) => (p.summary!.webgpu.available ? null : p.summary!.webgpu.reason)).filter((r): r is string => r !== null))].map(([reason, count]) => ({ reason, count }));
	const failures = [...tally(done.flatMap((p) => p.summary!.failures))].map(([failure, count]) => ({ failure, count }));
	const top =
		topN > 0
			? done
					.filter((p) => p.summary!.best_score !== null && p.summary!.correct)
					.sort((a, b) => b.summary!.best_score! - a.summary!.best_score!)
					.slice(0, topN)
					.map((p) => ({ nickname: p.nickname, score: p.summary!.best_score!, backend: p.summary!.best_backend! }))
			: [];
	const byCount = <T extends { count: number }>(xs: T[]) => xs.sort((a, b) => b.count - a.count);
	return { counts, scoreBins, gflopsBins, family, adapters: byCount(adapters), noWebgpu: byCount(noWebgpu), failures: byCount(failures), top };
}
