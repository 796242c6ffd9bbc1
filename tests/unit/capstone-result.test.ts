import { describe, expect, it } from 'vitest';
import { olympicsFor, submissionFor } from '$lib/capstone/entries';
import { capstoneMarkdown } from '$lib/capstone/markdown';
import { modelMetrics, primaryRun } from '$lib/capstone/model-metrics';
import { measuredRoofline } from '$lib/capstone/roofline';
import { capstoneScore } from '$lib/capstone/score';
import { benchModel, type ModelRunner } from '$lib/inference/model-bench';
import { CAPSTONE_FORMAT, type ModelReport, type ModelRun } from '$lib/schemas/capstone';
import { benchResultSchema, type WorkloadResult } from '$lib/schemas/result';
import { report as computeReport } from './helpers/fixtures';

const measurement = (median: number) => ({
	median_ms: median, p10_ms: median, p90_ms: median, mad_ms: 0, ci95_ms: [median, median] as [number, number], mean_ms: median,
	std_ms: 0, samples: 30, cold_ms: median, timer: 'performance.now' as const, resolution_ms: 0.005
});

const m = (median: number) => ({ ...measurement(median), p95_ms: median, p99_ms: median });

function run(engine: ModelRun['engine'], latencyMs: number, accuracy: number, extra: Partial<ModelRun> = {}): ModelRun {
	return {
		engine,
		label: engine,
		ep: engine === 'ort-webgpu' ? 'webgpu' : engine === 'ort-wasm' ? 'wasm' : null,
		threads: null,
		status: 'ok',
		reason: null,
		setup_ms: 10,
		first_run_ms: 2,
		latency: m(latencyMs),
		batch_latency: m(latencyMs * 8),
		batch: 32,
		throughput_1: 1000 / latencyMs,
		throughput_batch: 4000 / latencyMs,
		accuracy,
		agreement: engine === 'ort-wasm' ? null : { vs: 'ort-wasm', max_abs_diff: 1e-7, tolerance: 1e-4, within: true },
		...extra
	};
}

const report = (model: string, runs: ModelRun[], size = 1_048_576): ModelReport => ({
	model,
	title: model,
	sha256: null,
	size_bytes: size,
	parameter_count: 2410,
	expected_accuracy: 0.99,
	samples: 1000,
	labelled: true,
	runs
});

const row = (workload: string, gflops: number, flops: number, bytes: number, passed = true) =>
	({ workload, backend: 'wasm-simd', threads: 1, shape: '', measurement: measurement(flops / gflops / 1e6), flops, bytes, gflops, gbps: bytes / (flops / gflops), check: { passed, max_abs_error: 0, tolerance: 0 }, error: null }) as WorkloadResult;

describe('the measured roofline', () => {
	const kernels = { name: (w: string) => w.replace('_', ' '), computeBound: (w: string) => !w.endsWith('_bw'), bandwidthFrom: 'copy_bw' };
	it('takes the peak from the best compute-bound kernel and the bandwidth from the copy kernel', () => {
		const rows = [row('matmul_256', 40, 2 * 256 ** 3, 3 * 4 * 256 ** 2), row('matmul_512', 50, 2 * 512 ** 3, 3 * 4 * 512 ** 2), row('copy_bw', 2, 1e6, 8e6), row('softmax_bw', 4, 4e6, 8e6)];
		const r = measuredRoofline(rows.map((x) => ({ ...x, ok: true })), kernels)!;
		expect(r.ceilings).toEqual({ peakGflops: 50, bandwidthGbps: 16 });
		expect([r.peakFrom, r.bandwidthFrom]).toEqual(['matmul_512', 'copy_bw']);
		expect(r.points.find((p) => p.workload === 'matmul_256')!.sentence).toBe("matmul 256 reaches 80 % of this device's measured peak.");
		expect(r.points.find((p) => p.workload === 'softmax_bw')).toMatchObject({ bound: 'memory', intensity: 0.5 });
	});
	it('has no roofline without a valid copy or compute row', () => {
		expect(measuredRoofline([{ ...row('matmul_64', 10, 1e6, 1e5), ok: true }], kernels)).toBeNull();
		expect(measuredRoofline([{ ...row('matmul_64', 10, 1e6, 1e5), ok: false }, { ...row('copy_bw', 2, 1e6, 8e6), ok: true }], kernels)).toBeNull();
	});
});

describe('model metrics, the submission and the Olympics from measured models', () => {
	const gpuFirst = report('tiny-digits-mlp', [run('ort-wasm', 0.05, 0.99), run('ort-webgpu', 4, 0.99), run('own-webgpu', 8, 0.99), run('own-wasm-simd', 0.1, 0.99)]);

	it('times a model on the WebGPU EP when it really ran there, else on the WASM EP', () => {
		expect(primaryRun(gpuFirst)?.engine).toBe('ort-webgpu');
		const fellBack = report('m', [run('ort-wasm', 0.05, 0.9), run('ort-webgpu', 0.06, 0.9, { ep: 'wasm' })]);
		expect(primaryRun(fellBack)?.engine).toBe('ort-wasm');
		const got = modelMetrics(gpuFirst);
		expect('metrics' in got && got.metrics).toEqual({ parameter_count: 2410, model_size_mb: 1, accuracy: 0.99, latency_ms_mean: 4, latency_ms_std: 0, throughput: 1000 });
		expect(modelMetrics(report('m', [run('ort-wasm', 1, 0.5, { accuracy: null })]))).toEqual({ missing: 'm was run without labelled eval data, so it has no accuracy.' });
	});

	it('builds the Module 20 submission and refuses an implausible optimised model', () => {
		const base = submissionFor(computeReport(), gpuFirst, null);
		expect(base.ok && base.submission).toMatchObject({ submission_type: 'capstone', division: 'closed', baseline: { model_name: 'tiny-digits-mlp', metrics: { accuracy: 0.99 } } });
		const smaller = report('mine', [run('ort-wasm', 0.05, 0.97), run('ort-webgpu', 2, 0.97)], 262_144);
		const opt = submissionFor(computeReport(), gpuFirst, smaller);
		expect(opt.ok && opt.submission.improvements).toEqual({ speedup: 2, compression_ratio: 4, accuracy_delta: expect.closeTo(-0.02, 12) });
		const magic = report('magic', [run('ort-wasm', 0.001, 0.99), run('ort-webgpu', 0.04, 0.99)], 16_384);
		const refused = submissionFor(computeReport(), gpuFirst, magic);
		expect(refused.ok).toBe(false);
		expect(!refused.ok && refused.problems).toEqual([expect.stringMatching(/100\.0× speedup is implausible/), expect.stringMatching(/64\.0× compression is implausible/)]);
	});

	it('enters the shipped models in the closed division and the student’s in the open one', () => {
		const mine = report('mine', [run('ort-wasm', 0.05, 0.8), run('ort-webgpu', 2, 0.8)], 262_144);
		const entries = olympicsFor([gpuFirst], gpuFirst, mine);
		expect(entries.map((e) => [e.division, e.model_name])).toEqual([['closed', 'tiny-digits-mlp'], ['open', 'mine']]);
		const open = entries[1].events;
		expect(open.find((e) => e.event === 'latency_sprint')).toMatchObject({ qualifies: false, reason: 'Accuracy 80.0 % is below 85.0 %.' });
		expect(open.find((e) => e.event === 'all_around')!.value).toBeCloseTo(Math.cbrt(0.8 * 2 * 4), 12);
	});

	it('scores correctness, accuracy and own-kernel speed, and says how', () => {
		const rows = [row('matmul_64', 10, 1e6, 1e5), row('copy_bw', 2, 1e6, 8e6, false)];
		const score = capstoneScore(rows, [gpuFirst])!;
		// 2 kernel rows (1 passed) + 3 agreeing engines; ORT best 0.05 ms vs own best 0.1 ms.
		expect(score).toMatchObject({ correctness: 4 / 5, accuracy: 0.99, kernels: 0.5, value: Math.round((100 * (0.8 + 0.99 + 0.5)) / 3) });
		expect(score.definition).toMatch(/^Capstone score = 100 × the mean of three parts/);
	});
});

describe('the capstone result', () => {
	it('keeps older results readable and validates the capstone block', () => {
		const base = { schema: 'tito-web/result@1', id: crypto.randomUUID(), suite: 'baseline', started_at: '2026-01-01T00:00:00Z', finished_at: '2026-01-01T00:00:10Z', app_version: '0.1.0', status: 'complete', compute: computeReport(), workloads: [], scores: [], notes: [] };
		expect(benchResultSchema.safeParse(base).success).toBe(true);
		const model = report('tiny-digits-mlp', [run('ort-wasm', 0.05, 0.99)]);
		const capstone = { format: CAPSTONE_FORMAT, length: 'test', wall_ms: 60_000, roofline: [], models: [model], memory: { gpu_bytes: null, wasm_heap_bytes: 3e6, page_bytes: null, notes: [] }, submission: null, olympics: [], score: null };
		const parsed = benchResultSchema.parse({ ...base, suite: 'capstone', capstone });
		expect(parsed.capstone?.models[0].runs[0].latency?.p99_ms).toBe(0.05);
		expect(benchResultSchema.safeParse({ ...base, capstone: { ...capstone, format: 'tito-web/capstone@2' } }).success).toBe(false);
		expect(capstoneMarkdown(parsed)).toContain('| tiny-digits-mlp | ort-wasm | wasm EP |');
	});
});

describe('benchModel', () => {
	it('runs every sample in batches, then times ≥ 30 single runs and a full batch', async () => {
		const calls: number[] = [];
		const runner: ModelRunner = {
			maxBatch: 4,
			async run(input, count) {
				calls.push(count);
				return Float32Array.from({ length: count * 2 }, (_, i) => input[Math.floor(i / 2) * 3] + (i % 2));
			},
			dispose() {}
		};
		const inputs = Float32Array.from({ length: 10 * 3 }, (_, i) => Math.floor(i / 3));
		const t = await benchModel(async () => runner, { sampleShape: [3], batched: true, inputs, count: 10, batch: 32, runs: 30, budgetMs: 5 });
		expect(calls.slice(0, 4)).toEqual([1, 4, 4, 2]);
		expect(Array.from(t.outputs.subarray(0, 6))).toEqual([0, 1, 1, 2, 2, 3]);
		expect(t.outputs.length).toBe(20);
		expect(t.output_size).toBe(2);
		expect(t.batch).toBe(4);
		expect(t.latency.samples).toBeGreaterThanOrEqual(30);
		expect(t.latency.p99_ms).toBeGreaterThanOrEqual(t.latency.p95_ms!);
		expect(t.throughput_batch).toBeCloseTo((1000 * 4) / t.batch_latency!.median_ms, 6);
	});
});
