import { describe, expect, it } from 'vitest';
import { gflopsBin, scoreBin } from '$lib/server/community/stats';
import { suppressTable } from '$lib/server/community/suppression';

describe('small-cell suppression', () => {
	it('hides cells under the minimum', () => {
		const t = suppressTable([{ value: 'a', count: 30 }, { value: 'b', count: 4 }, { value: 'c', count: 2 }], 10);
		expect(t.cells.map((c) => c.display)).toEqual(['30', '<10', '<10']);
		expect(t.cells.filter((c) => c.count === null)).toHaveLength(2);
	});
	it('hides a second cell when one hidden cell could be recovered from the total', () => {
		const t = suppressTable([{ value: 'a', count: 30 }, { value: 'b', count: 15 }, { value: 'c', count: 12 }, { value: 'd', count: 3 }], 10);
		expect(Object.fromEntries(t.cells.map((c) => [c.value, c.display]))).toEqual({ a: '30', b: '15', c: '<10', d: '<10' });
		const visible = t.cells.reduce((s, c) => s + (c.count ?? 0), 0);
		expect(t.total! - visible).toBe(15);
	});
	it('hides a whole table whose total is small, and shows nothing for zero', () => {
		expect(suppressTable([{ value: 'a', count: 5 }, { value: 'b', count: 3 }], 10)).toEqual({
			total: null, totalDisplay: '<10', cells: [{ value: 'a', count: null, display: '<10' }, { value: 'b', count: null, display: '<10' }]
		});
		expect(suppressTable([], 10)).toEqual({ total: null, totalDisplay: '0', cells: [] });
		expect(suppressTable([{ value: 'a', count: 25 }], 10).cells).toEqual([{ value: 'a', count: 25, display: '25' }]);
	});
	it('bins scores and GFLOP/s', () => {
		expect([0, 9, 10, 89, 90, 100].map(scoreBin)).toEqual(['0–9', '0–9', '10–19', '80–89', '90–100', '90–100']);
		expect([0.05, 0.1, 5, 60, 999, 5000].map(gflopsBin)).toEqual(['< 0.1', '0.1–1', '1–10', '10–100', '100–1000', '≥ 1000']);
	});
});
