/**
 * Relative views for challenges: where you stand as a band, and who is right around you —
 * never a list from the top. Research on leaderboards in education finds that comparing
 * with near neighbours motivates, while absolute top lists discourage most of the class.
 */

/** Bands by the share of entries ahead of you. */
export const BANDS = [
	{ upTo: 0.1, label: '0–10 %' },
	{ upTo: 0.25, label: '10–25 %' },
	{ upTo: 0.5, label: '25–50 %' },
	{ upTo: 0.75, label: '50–75 %' },
	{ upTo: 1, label: '75–100 %' }
] as const;

export interface Band {
	label: string;
	/** Entries strictly better than yours; ties share a place. */
	ahead: number;
	entries: number;
}

/** The band of an entry with `ahead` entries strictly better, out of `entries`. */
export function percentileBand(ahead: number, entries: number): Band {
	if (!(entries > 0) || ahead < 0 || ahead >= entries) throw new RangeError(`ahead ${ahead} of ${entries}`);
	const share = ahead / entries;
	const band = BANDS.find((b) => share < b.upTo) ?? BANDS[BANDS.length - 1];
	return { label: band.label, ahead, entries };
}

/** Better first; on equal values the earlier entry first, so positions are stable. */
export function compareEntries(better: 'lower' | 'higher') {
	return (x: { value: number; at: string }, y: { value: number; at: string }) =>
		(better === 'lower' ? x.value - y.value : y.value - x.value) || x.at.localeCompare(y.at);
}

/** How many entries are strictly better than `value`. */
export function aheadOf(values: number[], value: number, better: 'lower' | 'higher'): number {
	return values.filter((v) => (better === 'lower' ? v < value : v > value)).length;
}

export interface Neighbour<T> {
	entry: T;
	/** Negative: ahead of you by that many places; positive: behind. 0 is you. */
	offset: number;
}

/** Up to `k` entries on each side of `index` in an already sorted list, with you in the middle. */
export function neighbourWindow<T>(sorted: T[], index: number, k = 3): Neighbour<T>[] {
	if (index < 0 || index >= sorted.length) throw new RangeError(`index ${index} of ${sorted.length}`);
	const from = Math.max(0, index - k);
	const to = Math.min(sorted.length, index + k + 1);
	return sorted.slice(from, to).map((entry, i) => ({ entry, offset: from + i - index }));
}
