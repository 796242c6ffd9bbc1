import { LEVELS } from '$lib/community/levels';
import type { Queryable } from '../db';
import { suppressTable, type Table } from './suppression';

export const MIN_CELL = Math.max(2, Number(process.env.MIN_CELL ?? 10));
const NOT_GIVEN = 'Not given';

export interface CommunityStats {
	min_cell: number;
	generated_at: string;
	devices: Table;
	by: Record<'country' | 'course_type' | 'experience_level' | 'cohort' | 'level', Table>;
	/** Per backend: baseline scores in bins of 10, and matmul GFLOP/s in decades. */
	scores: Record<string, Table>;
	gflops: Record<string, Table>;
}

const GFLOPS_BINS = [0.1, 1, 10, 100, 1000];
export function gflopsBin(g: number): string {
	const i = GFLOPS_BINS.findIndex((edge) => g < edge);
	if (i === 0) return '< 0.1';
	if (i < 0) return '≥ 1000';
	return `${GFLOPS_BINS[i - 1]}–${GFLOPS_BINS[i]}`;
}
export const scoreBin = (s: number) => (s >= 90 ? '90–100' : `${Math.floor(s / 10) * 10}–${Math.floor(s / 10) * 10 + 9}`);

async function countBy(db: Queryable, column: string): Promise<{ value: string; count: number }[]> {
	// `column` is one of a fixed list below, never user input.
	const rows = await db.query<{ value: string | null; count: number }>(`select ${column} as value, count(*)::int as count from profiles group by ${column}`);
	return rows.map((r) => ({ value: r.value ?? NOT_GIVEN, count: r.count }));
}

function grouped(rows: { backend: string; bin: string }[], min: number): Record<string, Table> {
	const per = new Map<string, Map<string, number>>();
	for (const r of rows) {
		const m = per.get(r.backend) ?? new Map<string, number>();
		m.set(r.bin, (m.get(r.bin) ?? 0) + 1);
		per.set(r.backend, m);
	}
	return Object.fromEntries([...per].map(([backend, m]) => [backend, suppressTable([...m].map(([value, count]) => ({ value, count })), min)]));
}

/** Aggregates only: no row in any of them is one person. */
export async function communityStats(db: Queryable, min = MIN_CELL): Promise<CommunityStats> {
	// Devices that opted in to sync; one registered for study partners only shares nothing here.
	const [{ n }] = await db.query<{ n: number }>("select count(*)::int as n from device_consents where scope = 'sync'");
	const by = {} as CommunityStats['by'];
	for (const column of ['country', 'course_type', 'experience_level', 'cohort', 'level'] as const) {
		const counts = await countBy(db, column);
		if (column === 'level') for (const c of counts) c.value = LEVELS.find((l) => l.id === c.value)?.name ?? c.value;
		by[column] = suppressTable(counts, min);
	}
	// Each device's best run per backend, so one keen student does not fill a histogram.
	const points = await db.query<{ backend: string; score: number; gflops: number | null }>(
		`select backend, max(score)::int as score, max(matmul_gflops) as gflops from result_points group by anonymous_id, backend`
	);
	return {
		min_cell: min,
		generated_at: new Date().toISOString(),
		devices: suppressTable([{ value: 'devices', count: n }], min),
		by,
		scores: grouped(points.map((p) => ({ backend: p.backend, bin: scoreBin(p.score) })), min),
		gflops: grouped(points.filter((p) => p.gflops !== null).map((p) => ({ backend: p.backend, bin: gflopsBin(p.gflops!) })), min)
	};
}

let cached: { at: number; stats: Promise<CommunityStats> } | null = null;
const CACHE_MS = Number(process.env.STATS_CACHE_MS ?? 15_000);

/** The public page reads this: recomputed at most every few seconds, however many visitors. */
export function cachedStats(db: Queryable): Promise<CommunityStats> {
	const now = Date.now();
	if (!cached || now - cached.at > CACHE_MS) {
		cached = { at: now, stats: communityStats(db) };
		cached.stats.catch(() => (cached = null));
	}
	return cached.stats;
}
