import { PANEL, TILE_ROWS } from './exports';

export type Range = [start: number, end: number];

/**
 * Splits [0, total) into at most `parts` contiguous, non-empty ranges whose boundaries are
 * multiples of `grain` (the last one ends at total), as even as whole grains allow.
 */
export function splitRange(total: number, parts: number, grain = 1): Range[] {
	const units = Math.ceil(total / grain);
	const n = Math.max(1, Math.min(parts, units));
	const ranges: Range[] = [];
	for (let i = 0; i < n; i++) {
		const start = Math.min(total, Math.floor((i * units) / n) * grain);
		const end = Math.min(total, Math.floor(((i + 1) * units) / n) * grain);
		if (end > start) ranges.push([start, end]);
	}
	return ranges;
}

/** One thread's share of C = A·B: its rows and its column panels. */
export interface MatmulShare {
	rows: Range;
	panels: Range;
}

export const panelCount = (n: number) => Math.ceil(n / PANEL);

/**
 * Shares C[M,N] among threads by whichever dimension has more micro-tiles: row groups of
 * 4 or column panels of 8. Every share reads all of the other dimension, so the split
 * never needs a reduction.
 */
export function matmulShares(m: number, n: number, threads: number): MatmulShare[] {
	const panels = panelCount(n);
	if (Math.ceil(m / TILE_ROWS) >= panels) return splitRange(m, threads, TILE_ROWS).map((rows) => ({ rows, panels: [0, panels] }));
	return splitRange(panels, threads).map((p) => ({ rows: [0, m], panels: p }));
}

/**
 * Below this many multiply-adds a product stays on one thread: waking the pool and
 * waiting for it costs tens of microseconds, about what one core needs for this much work.
 */
export const PARALLEL_MIN_MACS = 1 << 20;
