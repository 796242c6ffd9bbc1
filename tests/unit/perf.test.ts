import * as ort from 'onnxruntime-web';
import { describe, expect, it } from 'vitest';
import { measuredEntry, notRunEntries } from '../../src/lib/bench/perf/entries';
import { perfMarkdown, perfRows } from '../../src/lib/bench/perf/markdown';
import { matmulInputs, timeMatmul } from '../../src/lib/bench/perf/matmul-timing';
import { ownMatmul } from '../../src/lib/bench/perf/own-matmul';
import { parseSizes, perfPlan, settingsFromUrl, QUICK_SETTINGS, type PerfVariant } from '../../src/lib/bench/perf/plan';
import { perfRatios } from '../../src/lib/bench/perf/ratios';
import { ortMatmul } from '../../src/lib/inference/ort-matmul';
import type { OrtRuntime } from '../../src/lib/inference/ort';
import { createJsProvider } from '../../src/lib/kernels/js/provider';
import { matmulPlain } from '../../src/lib/kernels/matmul/ref';
import { perfReportSchema, type PerfEntry } from '../../src/lib/schemas/perf';
import { report } from './helpers/fixtures';

const plan = perfPlan({ cpuSizes: [24, 512], gpuSizes: [64], budgetMs: 5 }, 2);
const variant = (name: string) => plan.find((v) => v.variant === name)!;
const reference = (n: number) => {
	const { a, b } = matmulInputs(n);
	return matmulPlain(a, b, n, n, n);
};
// onnxruntime-web's Node build (same WASM EP) runs the MatMul model the browser runs.
const nodeOrt: OrtRuntime = { ort, ep: 'wasm', numThreads: 1, version: ort.env.versions.web! };
ort.env.wasm.numThreads = 1;

describe('timing both sides the same way', () => {
	it('times onnxruntime-web on the built MatMul model and its answer matches the float64 reference', async () => {
		const n = 24;
		const { timing, output } = await timeMatmul(ortMatmul(nodeOrt), n, { budgetMs: 5, minSampleMs: 0.1 });
		expect(timing.error).toBeNull();
		expect(timing.end_to_end!.samples).toBeGreaterThanOrEqual(5);
		expect(timing.kernel_only).toBeNull();
		const entry = measuredEntry(variant('wasm-ep-1t'), timing, output, reference(n), null);
		expect(entry.status, entry.reason ?? '').toBe('ok');
		expect(entry.gflops).toBeGreaterThan(0);
		expect(entry.check.vs_onnxruntime).toBeNull();
	});

	it('times an own kernel end to end and kernel only, and checks it against onnxruntime-web too', async () => {
		const n = 24;
		const ortRun = await timeMatmul(ortMatmul(nodeOrt), n, { budgetMs: 5, minSampleMs: 0.1 });
		const own = await timeMatmul(ownMatmul(createJsProvider()), n, { budgetMs: 5, minSampleMs: 0.1 });
		expect(own.timing.kernel_only!.samples).toBeGreaterThanOrEqual(5);
		const entry = measuredEntry(variant('wasm-simd'), own.timing, own.output, reference(n), ortRun.output);
		expect(entry.status, entry.reason ?? '').toBe('ok');
		expect(entry.check.reference!.passed).toBe(true);
		expect(entry.check.vs_onnxruntime!.passed).toBe(true);
		expect(entry.kernel_only!.gflops).toBeGreaterThan(0);
	});

	it('reports a failing target as an error row instead of throwing', async () => {
		const { timing, output } = await timeMatmul(async () => Promise.reject(new Error('device lost')), 8, { budgetMs: 5 });
		expect(output).toBeNull();
		const entry = measuredEntry(variant('webgpu'), { ...timing, size: 64 }, output, reference(64), null);
		expect(entry.status).toBe('error');
		expect(entry.reason).toContain('device lost');
	});
});

describe('checks', () => {
	const n = 16;
	const timing = { size: n, setup_ms: 1, end_to_end: fakeMeasurement(1), kernel_only: null, error: null };

	it('marks a wrong answer invalid, with the element and the reference value', () => {
		const ref = reference(n);
		const wrong = Float32Array.from(ref);
		wrong[5] += 0.5;
		const entry = measuredEntry(variant('wasm-simd'), timing, wrong, ref, Float32Array.from(ref));
		expect(entry.status).toBe('invalid');
		expect(entry.reason).toMatch(/^Wrong answer: element 5 is .* by the float64 reference\. This result is not valid\./);
		expect(entry.reason).toContain('Differs from onnxruntime-web: element 5');
		expect(entry.check.reference!.max_abs_error).toBeCloseTo(0.5, 5);
	});

	it('keeps an own row valid when only onnxruntime-web is wrong, and says so', () => {
		const ref = reference(n);
		const ortWrong = Float32Array.from(ref).fill(0);
		const entry = measuredEntry(variant('wasm-simd'), timing, Float32Array.from(ref), ref, ortWrong);
		expect(entry.status).toBe('ok');
		expect(entry.check.vs_onnxruntime!.passed).toBe(false);
		expect(entry.reason).toContain('Differs from onnxruntime-web');
	});
});

function fakeMeasurement(median: number) {
	return {
		median_ms: median,
		p10_ms: median * 0.9,
		p90_ms: median * 1.2,
		mad_ms: 0,
		ci95_ms: [median, median] as [number, number],
		mean_ms: median,
		std_ms: 0,
		samples: 5,
		cold_ms: median * 3,
		timer: 'performance.now' as const,
		resolution_ms: 0.005
	};
}

function okEntry(v: PerfVariant, size: number, gflops: number): PerfEntry {
	const [row] = notRunEntries(v, 'error', 'placeholder', [size]);
	return { ...row, status: 'ok', reason: null, gflops, median_ms: 1, p10_ms: 1, p90_ms: 1 };
}

describe('ratios', () => {
	it('divides own by onnxruntime-web GFLOP/s and applies the targets at their sizes only', () => {
		const entries = [
			okEntry(variant('wasm-ep-1t'), 24, 10),
			okEntry(variant('wasm-ep-1t'), 512, 30),
			okEntry(variant('wasm-simd'), 24, 5),
			okEntry(variant('wasm-simd'), 512, 60),
			...notRunEntries(variant('wasm-simd-threads'), 'unavailable', 'not built yet')
		];
		const ratios = perfRatios(entries);
		const get = (name: string, size: number) => ratios.find((r) => r.name === name && r.size === size)!;
		expect(get('own-wasm-1t/ort-wasm-1t', 512)).toMatchObject({ ratio: 2, target: 1.5, met: true, reason: null });
		expect(get('own-wasm-1t/ort-wasm-1t', 24)).toMatchObject({ ratio: 0.5, target: null, met: null });
		expect(get('own-wasm-mt/own-wasm-1t', 512)).toMatchObject({ ratio: null, met: null, reason: 'Own WASM SIMD kernel, 2 threads: unavailable' });
		expect(get('own-wasm-mt/ort-wasm-mt', 512).reason).toBe('Own WASM SIMD kernel, 2 threads: unavailable');
	});

	it('never divides by an invalid measurement', () => {
		const ort = { ...okEntry(variant('wasm-ep-1t'), 512, 30), status: 'invalid' as const };
		const [r] = perfRatios([ort, okEntry(variant('wasm-simd'), 512, 60)]);
		expect(r).toMatchObject({ ratio: null, met: null, reason: 'onnxruntime-web WASM EP, 1 thread: invalid' });
	});
});

describe('settings and plan', () => {
	it('reads sizes and budget from the address and refuses nonsense with a sentence', () => {
		expect(settingsFromUrl(new URLSearchParams('quick=1'))).toEqual({ settings: QUICK_SETTINGS, error: null });
		const s = settingsFromUrl(new URLSearchParams('sizes=128,256&gpuSizes=64&budget=300'));
		expect(s).toEqual({ settings: { cpuSizes: [128, 256], gpuSizes: [64], budgetMs: 300 }, error: null });
		expect(settingsFromUrl(new URLSearchParams('sizes=7')).settings.gpuSizes).toEqual([7]);
		const bad = settingsFromUrl(new URLSearchParams('sizes=12,x&budget=-1'));
		expect(bad.error).toContain('"x" is not a size');
		expect(bad.error).toContain('budget: "-1"');
		expect(bad.settings.cpuSizes).toEqual([128, 256, 512, 1024]);
		expect(parseSizes('64, 64 128')).toEqual({ sizes: [64, 128] });
		expect(parseSizes('4097')).toEqual({ error: '"4097" is not a size: use whole numbers from 1 to 2048.' });
	});

	it('runs onnxruntime-web before our kernels on each device, multi-threaded on at least 2 threads', () => {
		expect(perfPlan(QUICK_SETTINGS, 1).map((v) => `${v.variant}:${v.threads}`)).toEqual([
			'wasm-ep-1t:1',
			'wasm-ep-mt:2',
			'wasm-simd:1',
			'wasm-simd-threads:2',
			'webgpu-ep:null',
			'webgpu:null'
		]);
		expect(perfPlan({ ...QUICK_SETTINGS, gpuSizes: [] }, 8).map((v) => v.variant)).not.toContain('webgpu');
		expect(perfPlan(QUICK_SETTINGS, 8).find((v) => v.variant === 'wasm-ep-mt')!.runner).toEqual({ kind: 'ort', ep: 'wasm', numThreads: 8 });
	});
});

describe('markdown', () => {
	it('prints one row per measurement and one per implementation that could not run', () => {
		const entries = [okEntry(variant('wasm-ep-1t'), 24, 10), ...notRunEntries(variant('wasm-simd'), 'unavailable', 'not built yet')];
		expect(perfRows(entries).map((r) => r.sizes)).toEqual([[24], [24, 512]]);
		const perf = perfReportSchema.parse({
			schema: 'tito-web/perf@1',
			started_at: '2026-01-01T00:00:00Z',
			finished_at: '2026-01-01T00:01:00Z',
			onnxruntime_version: '1.30.0',
			settings: { cpu_sizes: [24, 512], gpu_sizes: [], budget_ms: 5 },
			compute: report({ hardwareConcurrency: 2, deviceMemoryGb: null, webgpu: { available: false, reason: 'none' } }),
			entries,
			ratios: perfRatios(entries)
		});
		const md = perfMarkdown(perf);
		expect(md).toContain('| onnxruntime-web WASM EP, 1 thread | wasm | 24 | 1 | 10.0 |');
		expect(md).toContain('| Own WASM SIMD kernel, 1 thread | wasm | 24, 512 | 1 | — |');
		expect(md).toContain('unavailable: not built yet');
		expect(md).toMatch(/\| Own WASM SIMD, 1 thread ÷ onnxruntime-web WASM EP, 1 thread \| 512 \| — \| ≥ 1\.5× \| no data/);
	});
});
