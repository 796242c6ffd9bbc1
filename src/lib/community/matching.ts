import { LEVELS, type LevelId } from './levels';

/**
 * Study-partner matching rules. Two students can be partners when they are in the same
 * cohort (or both in none), speak the language they chose, live at most a few hours apart
 * and are at most one level apart. Among those, the closest level, then the closest time
 * zone, then whoever has waited longest.
 */
export const MATCH_RULES = {
	maxOffsetHours: 3,
	maxLevelGap: 1,
	/** A match ends by itself after this long (the consent text says so); the two can keep in touch on their own. */
	matchDays: 28
} as const;

export interface Seeker {
	id: string;
	/** The cohort code, or null for students in no cohort. */
	pool: string | null;
	language: string;
	/** Hours from UTC. */
	utc_offset: number;
	level: LevelId;
	/** When they started waiting (ISO). */
	since: string;
}

const levelIndex = (l: LevelId) => LEVELS.findIndex((x) => x.id === l);
export const levelGap = (a: Seeker, b: Seeker) => Math.abs(levelIndex(a.level) - levelIndex(b.level));
export const offsetGap = (a: Seeker, b: Seeker) => Math.abs(a.utc_offset - b.utc_offset);

export function compatible(a: Seeker, b: Seeker): boolean {
	return (
		a.id !== b.id &&
		a.pool === b.pool &&
		a.language === b.language &&
		offsetGap(a, b) <= MATCH_RULES.maxOffsetHours &&
		levelGap(a, b) <= MATCH_RULES.maxLevelGap
	);
}

/** The partner for `me` among `candidates` (already free, unblocked and never matched with me), or null. */
export function bestPartner(me: Seeker, candidates: Seeker[]): Seeker | null {
	const fits = candidates.filter((c) => compatible(me, c));
	fits.sort((x, y) => levelGap(me, x) - levelGap(me, y) || offsetGap(me, x) - offsetGap(me, y) || x.since.localeCompare(y.since));
	return fits[0] ?? null;
}
