/**
 * Small-cell suppression for every public count: a cell under `min` shows as "<min", never
 * exact. When only one cell of a table would be hidden, the table total would give it
 * away by subtraction, so the next smallest cell is hidden too (complementary
 * suppression); a total under `min` hides the whole table.
 */
export interface Cell {
	value: string;
	/** null when suppressed. */
	count: number | null;
	display: string;
}

export interface Table {
	total: number | null;
	totalDisplay: string;
	cells: Cell[];
}

export function suppressTable(counts: { value: string; count: number }[], min: number): Table {
	const present = counts.filter((c) => c.count > 0);
	const total = present.reduce((s, c) => s + c.count, 0);
	const hidden = `<${min}`;
	if (total < min) {
		return { total: null, totalDisplay: total === 0 ? '0' : hidden, cells: present.map((c) => ({ value: c.value, count: null, display: hidden })) };
	}
	const suppressed = new Set(present.filter((c) => c.count < min).map((c) => c.value));
	if (suppressed.size === 1) {
		const next = present.filter((c) => !suppressed.has(c.value)).sort((a, b) => a.count - b.count)[0];
		if (next) suppressed.add(next.value);
	}
	return {
		total,
		totalDisplay: String(total),
		cells: present
			.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value))
			.map((c) => (suppressed.has(c.value) ? { value: c.value, count: null, display: hidden } : { value: c.value, count: c.count, display: String(c.count) }))
	};
}
