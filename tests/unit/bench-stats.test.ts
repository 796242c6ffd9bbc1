import { describe, expect, it } from 'vitest';
import { plannedBackends } from '$lib/bench/backends';
import { parseResultFile, toMarkdown, verdict } from '$lib/bench/report';
import { scoresOf } from '$lib/bench/runner';
import { baselineScore, workloadScore } from '$lib/bench/score';
import { bootstrapMedianCI, mad, percentile, std, summarize } from '$lib/bench/stats';
import { innerCount, measure } from '$lib/bench/timing';
import { report, result, row } from './helpers/fixtures';

describe('statistics on known samples', () => {
	const xs = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
	it('median and percentiles interpolate like NumPy', () => {
		expect(percentile(xs, 50)).toBe(5.5);
		expect(percentile(xs, 10)).toBeCloseTo(1.9, 12);
		expect(percentile(xs, 90)).toBeCloseTo(9.1, 12);
		expect(percentile([4], 90)).toBe(4);
	});
	it('MAD and standard deviation', () => {
		expect(mad([1, 1, 2, 2, 4, 6, 9])).toBe(1);
		expect(std([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(2.138090, 5);
	});
	it('bootstrap CI brackets the median, is reproducible, and narrows with more samples', () => {
		const few = Array.from({ length: 10 }, (_, i) => 10 + (i % 5));
		const many = Array.from({ length: 200 }, (_, i) => 10 + (i % 5));
		const [lo, hi] = bootstrapMedianCI(few);
		expect(lo).toBeLessThanOrEqual(12);
		expect(hi).toBeGreaterThanOrEqual(12);
		expect(bootstrapMedianCI(few)).toEqual([lo, hi]);
		const [lo2, hi2] = bootstrapMedianCI(many);
		expect(hi2 - lo2).toBeLessThanOrEqual(hi - lo);
	});
	it('summarize ignores sample order', () => {
		expect(summarize([3, 1, 2])).toEqual(summarize([1, 2, 3]));
	});
});

describe('timing helper', () => {
	it('keeps the cold run apart, warms up at least 3 times and samples within the budget', async () => {
		let calls = 0;
		const m = await measure(
			async () => {
				calls++;
				const until = performance.now() + (calls === 1 ? 20 : 1);
				while (performance.now() < until);
				return null;
			},
			1,
			{ budgetMs: 30, minSamples: 5 }
		);
		expect(m.cold_ms).toBeGreaterThanOrEqual(19);
		expect(m.median_ms).toBeLessThan(5);
		expect(m.samples).toBeGreaterThanOrEqual(5);
		expect(calls).toBeGreaterThanOrEqual(1 + 3 + 5);
		expect(m.timer).toBe('performance.now');
	});
	it('uses GPU times when every sample has one', async () => {
		const m = await measure(async () => 0.25, 2, { budgetMs: 5, gpuTimer: 'gpu-timestamp' });
		expect(m.timer).toBe('gpu-timestamp');
		expect(m.median_ms).toBe(0.25);
	});
	it('stops when cancelled', async () => {
		const c = new AbortController();
		c.abort();
		await expect(measure(async () => null, 1, { budgetMs: 1000, signal: c.signal })).rejects.toThrow('Cancelled');
	});
	it('batches short calls so a sample lasts long enough', () => {
		expect(innerCount(0.01, 1)).toBe(100);
		expect(innerCount(5, 1)).toBe(1);
		expect(innerCount(0, 1)).toBe(1000);
	});
});

describe('TinyTorch baseline score', () => {
	it('is 100 on the reference machine and halves at twice its times', () => {
		expect(baselineScore('js', { tensor_ops_ms: 0.8, matmul_ms: 2.5, forward_pass_ms: 6.7 }).score).toBe(100);
		expect(baselineScore('js', { tensor_ops_ms: 1.6, matmul_ms: 5, forward_pass_ms: 13.4 }).score).toBe(50);
	});
	it('floors, caps at 100 and guards against zero times as the CLI does', () => {
		const s = baselineScore('js', { tensor_ops_ms: 10, matmul_ms: 10, forward_pass_ms: 10 });
		expect(s.total_normalized).toBeCloseTo(1 / 3, 12);
		expect(s.score).toBe(33);
		const fast = baselineScore('js', { tensor_ops_ms: 0, matmul_ms: 0, forward_pass_ms: 0 });
		expect(fast.score).toBe(100);
		expect(fast.tensor_ops_normalized).toBe(800);
		expect(workloadScore(2.5, 5)).toBe(50);
		expect(workloadScore(2.5, 1)).toBe(100);
	});
});

describe('backend plan', () => {
	it('runs threads only when isolated with several cores, and says why otherwise', () => {
		expect(plannedBackends(report()).run).toEqual(['wasm-simd-threads', 'wasm-simd', 'js']);
		const notIsolated = plannedBackends(report({ crossOriginIsolated: false }));
		expect(notIsolated.run).toEqual(['wasm-simd', 'js']);
		expect(notIsolated.skipped.map((s) => s.reason).join()).toMatch(/cross-origin isolated/);
		const noSimd = plannedBackends(report({ wasm: { available: true, simd: false, relaxedSimd: false, threads: false } }));
		expect(noSimd.run).toEqual(['wasm-scalar', 'js']);
		expect(plannedBackends(report()).skipped[0]).toEqual({ backend: 'webgpu', reason: 'no adapter' });
	});
});

describe('result files', () => {
	const rows = ['tensor_ops', 'matmul', 'forward_pass'].map((w) => row('wasm-simd', w, 1));
	it('scores only backends whose three workloads passed', () => {
		expect(scoresOf(rows).map((s) => s.score)).toEqual([100]);
		expect(scoresOf([...rows.slice(0, 2), row('wasm-simd', 'forward_pass', 1, false)])).toEqual([]);
	});
	it('round-trips through JSON and rejects corrupt, foreign and newer files with a sentence', () => {
		const r = result(rows);
		const back = parseResultFile(JSON.stringify(r));
		expect(back).toEqual({ ok: true, result: r });
		expect(parseResultFile('{"schema": "tito-web/result@1", "id": 5').ok).toBe(false);
		expect(parseResultFile('{"schema": "tito-web/result@2"}')).toEqual({ ok: false, message: expect.stringMatching(/newer version/) });
		const wrong = parseResultFile(JSON.stringify({ ...r, workloads: 'none' }));
		expect(wrong.ok === false && wrong.message).toMatch(/workloads/);
	});
	it('summarises in Markdown and in one sentence', () => {
		const md = toMarkdown(result(rows));
		expect(md).toContain('| CPU, WebAssembly SIMD, 1 core | **100** |');
		expect(md.split('\n').filter((l) => l.startsWith('| tensor_ops'))).toHaveLength(1);
		expect(verdict(result(rows))).toBe('Your setup works: WebAssembly SIMD on one core.');
	});
});
