import { describe, expect, it } from 'vitest';
import { classView } from '$lib/live/aggregate';
import { classSummary } from '$lib/live/summary';
import type { ClassSummary, ParticipantView } from '$lib/schemas/live';
import { baselineRows, report, result, row } from './helpers/fixtures';

const person = (i: number, summary: ClassSummary | null, status: ParticipantView['status'] = summary ? 'done' : 'joined'): ParticipantView => ({ id: `p${i}`, nickname: `N${i}`, status, summary });
const s = (score: number, backend: 'webgpu' | 'wasm-simd', gflops: number, extra: Partial<ClassSummary> = {}): ClassSummary => ({
	result_id: crypto.randomUUID(), best_backend: backend, best_score: score, scores: [{ backend, score }], matmul_gflops: [{ backend, gflops }],
	webgpu: backend === 'webgpu' ? { available: true, vendor: 'intel', architecture: 'gen-12lp', software: false } : { available: false, reason: 'no adapter' },
	correct: true, failures: [], duration_ms: 1000, ...extra
});

describe('the projector view', () => {
	const people = [person(1, s(95, 'webgpu', 150)), person(2, s(42, 'wasm-simd', 12)), person(3, s(40, 'wasm-simd', 9)), person(4, null, 'running'), person(5, null)];
	const v = classView(people, 0);

	it('counts people by state', () => {
		expect(v.counts).toEqual({ total: 5, joined: 1, running: 1, done: 3, failed: 0 });
	});
	it('bins scores and GFLOP/s per student, GPU and CPU apart', () => {
		expect(v.scoreBins.find((b) => b.bin === '90–100')).toEqual({ bin: '90–100', gpu: 1, cpu: 0 });
		expect(v.scoreBins.find((b) => b.bin === '40–49')).toEqual({ bin: '40–49', gpu: 0, cpu: 2 });
		expect(v.gflopsBins.find((b) => b.bin === '100–1000')).toEqual({ bin: '100–1000', gpu: 1, cpu: 0 });
		expect(v.gflopsBins.find((b) => b.bin === '1–10')).toEqual({ bin: '1–10', gpu: 0, cpu: 1 });
		expect(v.family).toEqual({ gpu: 1, cpu: 2 });
	});
	it('lists adapters, reasons for no WebGPU and wrong answers, with counts', () => {
		expect(v.adapters).toEqual([{ label: 'intel gen-12lp', count: 1, software: false }]);
		expect(v.noWebgpu).toEqual([{ reason: 'no adapter', count: 2 }]);
		const w = classView([person(1, s(10, 'wasm-simd', 1, { correct: false, failures: ['matmul: wrong'] }), 'failed')], 0);
		expect(w.failures).toEqual([{ failure: 'matmul: wrong', count: 1 }]);
	});
	it('shows no names unless the instructor asks for a top list, and then only correct runs', () => {
		expect(v.top).toEqual([]);
		const wrong = person(6, s(100, 'webgpu', 500, { correct: false, failures: ['x'] }), 'failed');
		expect(classView([...people, wrong], 2).top).toEqual([{ nickname: 'N1', score: 95, backend: 'webgpu' }, { nickname: 'N2', score: 42, backend: 'wasm-simd' }]);
	});
});

describe('what a run tells the class', () => {
	it('takes the best score, the matmul speeds and the adapter, and marks wrong answers', () => {
		const r = result([...baselineRows('wasm-simd', 2), ...baselineRows('js', 20)]);
		const summary = classSummary(r);
		expect(summary).toMatchObject({ result_id: r.id, best_backend: 'wasm-simd', best_score: 100, correct: true, failures: [], duration_ms: 12_000 });
		expect(summary.matmul_gflops.map((g) => g.backend)).toEqual(['wasm-simd', 'js']);
		expect(summary.webgpu).toEqual({ available: false, reason: 'no adapter' });
		const bad = classSummary(result([row('wasm-simd', 'matmul', 1, false)], { compute: report() }));
		expect(bad.correct).toBe(false);
		expect(bad.failures).toEqual(['Wrong answer']);
		expect(bad.best_score).toBeNull();
	});
});
