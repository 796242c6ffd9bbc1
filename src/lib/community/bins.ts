import type { OLYMPIC_EVENTS } from '$lib/schemas/module20';

/**
 * The bins every distribution of the community pages uses. Coarse on purpose: a small
 * cohort spread over twenty bins would show nothing but "<10".
 */
export interface Bins {
	/** Bin labels, in the order a chart shows them. */
	labels: string[];
	of(value: number): string;
}

/** Integer ranges: `edges` are each bin's first value; the last bin runs to `max`. */
function ranges(edges: number[], max: number): Bins {
	const labels = edges.map((from, i) => {
		const to = i + 1 < edges.length ? edges[i + 1] - 1 : max;
		return from === to ? String(from) : `${from}–${to}`;
	});
	return {
		labels,
		of(value) {
			let i = 0;
			while (i + 1 < edges.length && value >= edges[i + 1]) i++;
			return labels[i];
		}
	};
}

/** Continuous values cut at `edges` ("< 1", "1–3", …, "≥ 100"), with a unit. */
function cuts(edges: number[], unit: string): Bins {
	const labels = [`< ${edges[0]} ${unit}`, ...edges.slice(1).map((e, i) => `${edges[i]}–${e} ${unit}`), `≥ ${edges.at(-1)} ${unit}`];
	return {
		labels,
		of(value) {
			const i = edges.findIndex((e) => value < e);
			return labels[i < 0 ? edges.length : i];
		}
	};
}

export const MODULE_BINS = ranges([0, 1, 5, 9, 13, 17], 20);
export const MILESTONE_BINS = ranges([0, 1, 3, 5], 6);

type OlympicEvent = (typeof OLYMPIC_EVENTS)[number];

/** Per event: the bins of its number, and which way is better. */
export const EVENT_SCALES: Record<OlympicEvent, { title: string; bins: Bins; unit: string; better: 'lower' | 'higher' }> = {
	latency_sprint: { title: 'Latency sprint', bins: cuts([0.1, 0.3, 1, 3, 10, 30, 100, 300], 'ms'), unit: 'ms', better: 'lower' },
	memory_challenge: { title: 'Memory challenge', bins: cuts([0.01, 0.03, 0.1, 0.3, 1, 3, 10, 30], 'MB'), unit: 'MB', better: 'lower' },
	accuracy_contest: { title: 'Accuracy contest', bins: cuts([50, 60, 70, 80, 85, 90, 95, 99], '%'), unit: '%', better: 'higher' },
	all_around: { title: 'All-around', bins: cuts([0.5, 0.75, 1, 1.25, 1.5, 2, 3, 5], 'points'), unit: 'points', better: 'higher' }
};

/**
 * What a chart shows for one bin of a suppressed table: the cell's display, "0" for an empty
 * bin — except when the whole table is hidden, where even which bins are empty stays hidden.
 */
export function binDisplay(table: { total: number | null; totalDisplay: string; cells: { value: string; display: string }[] }, label: string, minCell: number): string {
	const cell = table.cells.find((c) => c.value === label);
	if (cell) return cell.display;
	return table.total === null && table.totalDisplay !== '0' ? `<${minCell}` : '0';
}
