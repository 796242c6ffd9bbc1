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

/** One chunk of C = A·B: its rows and its column panels. */
export interface MatmulShare {
	rows: Range;
	panels: Range;
}

export const panelCount = (n: number) => Math.ceil(n / PANEL);

/**
 * Cuts C[M,N] into at most `chunks` pieces along whichever dimension has more
 * micro-tiles: row groups of 4 or column panels of 8. Every piece reads all of the other
 * dimension, so the split never needs a reduction.
 */
export function matmulShares(m: number, n: number, chunks: number): MatmulShare[] {
	const panels = panelCount(n);
	if (Math.ceil(m / TILE_ROWS) >= panels) return splitRange(m, chunks, TILE_ROWS).map((rows) => ({ rows, panels: [0, panels] }));
	return splitRange(panels, chunks).map((p) => ({ rows: [0, m], panels: p }));
}

/**
 * Chunks a job is cut into per thread: threads claim them as they come, so a thread that
 * starts late or runs on a slower core takes fewer instead of making the others wait.
 */
export const CHUNKS_PER_THREAD = 4;
export const chunksFor = (threads: number) => (threads > 1 ? threads * CHUNKS_PER_THREAD : 1);

/**
 * Below this many multiply-adds (about 10 µs on one core) a product stays on one thread.
 * Posting a job to awake helpers costs about a microsecond (an Atomics round trip; a
 * postMessage round trip is about 20 µs); asleep, they join late and take fewer chunks.
 */
export const PARALLEL_MIN_MACS = 1 << 18;
