/**
 * The seed's community levels, on a student's best accuracy (in percent). A journey, not a
 * ranking: each level says what it means and what the next one needs.
 */
export const LEVELS = [
	{ id: 'starting', name: 'Starting', emoji: '🚀', from: 0, blurb: 'Just beginning the journey' },
	{ id: 'learning', name: 'Learning', emoji: '🌱', from: 20, blurb: 'Building foundations' },
	{ id: 'progressing', name: 'Progressing', emoji: '📈', from: 40, blurb: 'Gaining momentum' },
	{ id: 'advanced', name: 'Advanced', emoji: '⭐', from: 60, blurb: 'Mastering concepts' },
	{ id: 'elite', name: 'Elite', emoji: '🏆', from: 80, blurb: 'Systems experts' }
] as const;

export type Level = (typeof LEVELS)[number];
export type LevelId = Level['id'];

/** The level of an accuracy in percent; boundaries belong to the upper level (20 % is Learning). */
export function levelFor(accuracyPct: number): Level {
	let level: Level = LEVELS[0];
	for (const l of LEVELS) if (accuracyPct >= l.from) level = l;
	return level;
}

export interface Journey {
	/** null until the student has any accuracy to go on. */
	best: number | null;
	current: Level;
	next: Level | null;
	/** Percentage points still needed for the next level. */
	toNext: number | null;
}

export function journey(bestAccuracyPct: number | null): Journey {
	const current = levelFor(bestAccuracyPct ?? 0);
	const next = LEVELS[LEVELS.indexOf(current) + 1] ?? null;
	return {
		best: bestAccuracyPct,
		current,
		next,
		toNext: next ? Math.max(0, next.from - (bestAccuracyPct ?? 0)) : null
	};
}
