import type { OrtEp } from '$lib/inference/ort';
import type { BackendId } from '$lib/schemas/result';
import type { PerfEntry } from '$lib/schemas/perf';

/** What the performance lab measures: matmul sizes per device and the time per measurement. */
export interface PerfSettings {
	cpuSizes: number[];
	gpuSizes: number[];
	/** Warm-sample time of each measurement (there are also ≥ 3 warm-up runs and at least 5 samples). */
	budgetMs: number;
}

/** The compute-core issue's sweep: WASM at 128–1024, WebGPU at 64–256. */
export const DEFAULT_SETTINGS: PerfSettings = { cpuSizes: [128, 256, 512, 1024], gpuSizes: [64, 128, 256], budgetMs: 1000 };
/** Test size: every row runs and is checked, numbers are not worth reading. */
export const QUICK_SETTINGS: PerfSettings = { cpuSizes: [32, 64], gpuSizes: [32, 64], budgetMs: 60 };

/** Beyond this the float64 reference alone takes minutes. */
export const MAX_SIZE = 2048;

/** Parses "128, 256,512" into sizes; a sentence for anything else. */
export function parseSizes(text: string): { sizes: number[] } | { error: string } {
	const parts = text.split(/[\s,]+/).filter(Boolean);
	if (!parts.length) return { error: 'Give at least one size, e.g. 128,256.' };
	const sizes: number[] = [];
	for (const p of parts) {
		const n = Number(p);
		if (!Number.isInteger(n) || n < 1 || n > MAX_SIZE) return { error: `"${p}" is not a size: use whole numbers from 1 to ${MAX_SIZE}.` };
		if (!sizes.includes(n)) sizes.push(n);
	}
	return { sizes };
}

/** Settings from the page URL: ?quick=1, ?sizes=… (both devices unless ?gpuSizes=…), ?budget=ms. */
export function settingsFromUrl(params: URLSearchParams): { settings: PerfSettings; error: string | null } {
	const base = params.get('quick') === '1' ? QUICK_SETTINGS : DEFAULT_SETTINGS;
	const settings = { ...base };
	const errors: string[] = [];
	const sizes = params.get('sizes');
	if (sizes !== null) {
		const parsed = parseSizes(sizes);
		if ('error' in parsed) errors.push(`sizes: ${parsed.error}`);
		else settings.cpuSizes = settings.gpuSizes = parsed.sizes;
	}
	const gpuSizes = params.get('gpuSizes');
	if (gpuSizes !== null) {
		const parsed = parseSizes(gpuSizes);
		if ('error' in parsed) errors.push(`gpuSizes: ${parsed.error}`);
		else settings.gpuSizes = parsed.sizes;
	}
	const budget = params.get('budget');
	if (budget !== null) {
		const ms = Number(budget);
		if (Number.isFinite(ms) && ms >= 10 && ms <= 60_000) settings.budgetMs = ms;
		else errors.push(`budget: "${budget}" is not a time from 10 to 60000 ms.`);
	}
	return { settings, error: errors.length ? `Ignored in the address: ${errors.join(' ')}` : null };
}

/** Where one implementation runs: our kernels in the bench worker, onnxruntime-web in an inference worker of its own. */
export type PerfRunner = { kind: 'own'; backend: BackendId } | { kind: 'ort'; ep: OrtEp; numThreads: number };

export interface PerfVariant {
	impl: PerfEntry['impl'];
	backend: PerfEntry['backend'];
	variant: string;
	/** Threads asked for (CPU); null on the GPU. The own threaded backend reports its real count when it runs. */
	threads: number | null;
	sizes: number[];
	runner: PerfRunner;
}

export function variantLabel(v: Pick<PerfVariant, 'impl' | 'backend' | 'threads'>): string {
	const threads = v.threads === null ? '' : `, ${v.threads} thread${v.threads === 1 ? '' : 's'}`;
	if (v.impl === 'own') return v.backend === 'webgpu' ? 'Own WebGPU kernel' : `Own WASM SIMD kernel${threads}`;
	return `onnxruntime-web ${v.backend === 'webgpu' ? 'WebGPU' : 'WASM'} EP${threads}`;
}

/**
 * Every implementation in the order they run. onnxruntime-web goes first on each device,
 * so our rows can be checked against its output as they arrive. Its multi-thread case uses
 * every core, and at least 2 (the "numThreads 2" on a 2-core machine).
 */
export function perfPlan(settings: PerfSettings, cores: number): PerfVariant[] {
	const all = Math.max(2, cores);
	const cpu = settings.cpuSizes;
	const gpu = settings.gpuSizes;
	const plan: PerfVariant[] = [
		{ impl: 'onnxruntime-web', backend: 'wasm', variant: 'wasm-ep-1t', threads: 1, sizes: cpu, runner: { kind: 'ort', ep: 'wasm', numThreads: 1 } },
		{ impl: 'onnxruntime-web', backend: 'wasm', variant: 'wasm-ep-mt', threads: all, sizes: cpu, runner: { kind: 'ort', ep: 'wasm', numThreads: all } },
		{ impl: 'own', backend: 'wasm', variant: 'wasm-simd', threads: 1, sizes: cpu, runner: { kind: 'own', backend: 'wasm-simd' } },
		{ impl: 'own', backend: 'wasm', variant: 'wasm-simd-threads', threads: all, sizes: cpu, runner: { kind: 'own', backend: 'wasm-simd-threads' } },
		{ impl: 'onnxruntime-web', backend: 'webgpu', variant: 'webgpu-ep', threads: null, sizes: gpu, runner: { kind: 'ort', ep: 'webgpu', numThreads: 1 } },
		{ impl: 'own', backend: 'webgpu', variant: 'webgpu', threads: null, sizes: gpu, runner: { kind: 'own', backend: 'webgpu' } }
	];
	return plan.filter((v) => v.sizes.length);
}
