import { describe, expect, it } from 'vitest';
import { olympicEvents, allAroundScore } from '$lib/capstone/olympics';
import { attainable, readPoint, ridgePoint } from '$lib/capstone/roofline';
import { buildSubmission, improvements } from '$lib/capstone/submission';
import type { ModelMetrics } from '$lib/schemas/module20';

const base: ModelMetrics = { parameter_count: 2410, model_size_mb: 0.01, accuracy: 0.9, latency_ms_mean: 2, latency_ms_std: 0.1, throughput: 500 };

describe('Module 20 submission', () => {
	const input = { tinytorchVersion: '0.1.0', systemInfo: { platform: 'browser', backend: 'wasm-simd' }, baseline: { name: 'tiny-mlp', metrics: base }, now: new Date('2026-11-23T12:00:00Z') };

	it('builds the TinyTorch shape with normalised improvements', () => {
		const opt = { ...base, latency_ms_mean: 1, model_size_mb: 0.0025, accuracy: 0.88 };
		const built = buildSubmission({ ...input, optimized: { name: 'tiny-mlp-int8', metrics: opt } });
		expect(built.ok).toBe(true);
		if (!built.ok) return;
		expect(built.submission).toMatchObject({ submission_type: 'capstone', timestamp: '2026-11-23T12:00:00.000Z', baseline: { model_name: 'tiny-mlp' } });
		expect(built.submission.improvements!.speedup).toBe(2);
		expect(built.submission.improvements!.compression_ratio).toBe(4);
		expect(built.submission.improvements!.accuracy_delta).toBeCloseTo(-0.02, 12);
	});

	it('rejects a speedup over 50× and a compression over 32× with an explanation', () => {
		const tooFast = buildSubmission({ ...input, optimized: { name: 'x', metrics: { ...base, latency_ms_mean: 2 / 51 } } });
		expect(tooFast).toEqual({ ok: false, problems: [expect.stringMatching(/speedup is implausible \(over 50×\)/)] });
		const tooSmall = buildSubmission({ ...input, optimized: { name: 'x', metrics: { ...base, model_size_mb: 0.01 / 33 } } });
		expect(tooSmall.ok === false && tooSmall.problems[0]).toMatch(/compression is implausible \(over 32×/);
		expect(buildSubmission({ ...input, optimized: { name: 'x', metrics: { ...base, latency_ms_mean: 2 / 50 } } }).ok).toBe(true);
	});

	it('rejects impossible metrics', () => {
		expect(buildSubmission({ ...input, baseline: { name: 'x', metrics: { ...base, accuracy: 1.5 } } }).ok).toBe(false);
		expect(buildSubmission({ ...input, baseline: { name: 'x', metrics: { ...base, latency_ms_mean: -1 } } }).ok).toBe(false);
	});

	it('improvements divide the right way round', () => {
		expect(improvements(base, { ...base, latency_ms_mean: 4 }).speedup).toBe(0.5);
	});
});

describe('Olympic events', () => {
	it('qualify by the Module 20 rules and say why not', () => {
		const events = olympicEvents({ ...base, accuracy: 0.84 });
		expect(events.find((e) => e.event === 'latency_sprint')).toMatchObject({ qualifies: false, reason: 'Accuracy 84.0 % is below 85.0 %.' });
		expect(events.find((e) => e.event === 'accuracy_contest')).toMatchObject({ qualifies: true, value: 84 });
		const slow = olympicEvents({ ...base, latency_ms_mean: 150 });
		expect(slow.find((e) => e.event === 'accuracy_contest')?.reason).toMatch(/over 100 ms/);
	});
	it('all-around is the accuracy for the baseline itself and grows with speed and size', () => {
		expect(allAroundScore(base, base)).toBeCloseTo(Math.cbrt(0.9), 12);
		expect(allAroundScore({ ...base, latency_ms_mean: 1, model_size_mb: 0.005 }, base)).toBeCloseTo(Math.cbrt(0.9 * 4), 12);
	});
});

describe('roofline', () => {
	const c = { peakGflops: 60, bandwidthGbps: 20 };
	it('has its ridge where the ceilings meet', () => {
		expect(ridgePoint(c)).toBe(3);
		expect(attainable(1, c)).toBe(20);
		expect(attainable(100, c)).toBe(60);
	});
	it('reads a compute-bound and a memory-bound kernel', () => {
		const mm = readPoint({ name: 'matmul 512', flops: 2 * 512 ** 3, bytes: 3 * 4 * 512 ** 2, gflops: 36.6 }, c);
		expect(mm.bound).toBe('compute');
		expect(mm.sentence).toBe("matmul 512 reaches 61 % of this device's measured peak.");
		const add = readPoint({ name: 'add', flops: 1e6, bytes: 12e6, gflops: 1 }, c);
		expect(add.bound).toBe('memory');
		expect(add.ofAttainable).toBeCloseTo(1 / (20 / 12), 12);
		expect(add.sentence).toBe('add is limited by memory: 60 % of what 0.08 FLOP per byte allows here.');
	});
	it('says why a memory-bound kernel can beat the memory ceiling, instead of only showing over 100 %', () => {
		const cached = readPoint({ name: 'softmax 64×64', flops: 1e6, bytes: 1e6, gflops: 30 }, c);
		expect(cached.bound).toBe('memory');
		expect(cached.sentence).toBe(
			'softmax 64×64 runs above the memory ceiling (150 % of what 1.00 FLOP per byte allows): its data stays in cache, which is faster than the streaming bandwidth measured here.'
		);
	});
});
