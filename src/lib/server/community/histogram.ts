import { suppressTable, type Table } from './suppression';

/** Counts `values` into `labels`' bins and suppresses small cells; cells come back in bin order. */
export function suppressedHistogram(labels: readonly string[], values: string[], min: number): Table {
	const counts = new Map<string, number>(labels.map((l) => [l, 0]));
	for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
	const table = suppressTable([...counts].map(([value, count]) => ({ value, count })), min);
	const order = new Map(labels.map((l, i) => [l, i]));
	table.cells.sort((a, b) => (order.get(a.value) ?? 0) - (order.get(b.value) ?? 0));
	return table;
}
