import type { Measurement } from '$lib/schemas/result';
import { summarize } from './stats';

/** One timed call: resolves with the GPU-measured ms when the backend has it, else null. */
export type Step = () => Promise<number | null>;

export interface MeasureOptions {
	/** Time for the warm samples, after warm-up. */
	budgetMs: number;
	minSamples?: number;
	maxSamples?: number;
	/** Warm-up: at least this many runs, then until three in a row agree within `stableWithin`. */
	minWarmup?: number;
	maxWarmupMs?: number;
	stableWithin?: number;
	/** Stop early (cancel); checked between samples. */
	signal?: AbortSignal;
	/** Which timer the GPU times come from, when `step` returns them. */
	gpuTimer?: 'gpu-timestamp' | 'gpu-submitted-work';
}

/** The smallest step performance.now() shows here: 5 µs when cross-origin isolated, 100 µs or more otherwise. */
export function timerResolutionMs(): number {
	let best = Infinity;
	for (let i = 0; i < 20; i++) {
		const a = performance.now();
		let b = a;
		while (b === a) b = performance.now();
		best = Math.min(best, b - a);
	}
	return best;
}

const stable = (xs: number[], within: number) => {
	if (xs.length < 3) return false;
	const last = xs.slice(-3);
	const lo = Math.min(...last);
	return lo > 0 ? (Math.max(...last) - lo) / lo <= within : true;
};

/**
 * The one timing helper every suite uses: the first (cold) run kept apart, warm-up
 * until stable, then repeated runs within a time budget. Each sample is `inner`
 * back-to-back calls divided by `inner`, so very short ops are not lost in the
 * timer's resolution (TinyTorch's CLI times its ops the same way: ms per iteration).
 */
export async function measure(step: Step, inner: number, opts: MeasureOptions): Promise<Measurement> {
	const { budgetMs, minSamples = 5, maxSamples = 200, minWarmup = 3, maxWarmupMs = budgetMs, stableWithin = 0.1, signal } = opts;
	const resolution = timerResolutionMs();
	const once = async () => {
		const t0 = performance.now();
		let gpu = 0;
		let gpuSeen = true;
		for (let i = 0; i < inner; i++) {
			const g = await step();
			if (g === null) gpuSeen = false;
			else gpu += g;
		}
		const wall = (performance.now() - t0) / inner;
		return { wall, gpu: gpuSeen ? gpu / inner : null };
	};
	const throwIfCancelled = () => {
		if (signal?.aborted) throw new DOMException('Cancelled', 'AbortError');
	};

	const cold = await once();
	const warm: number[] = [];
	const warmStart = performance.now();
	while (warm.length < minWarmup || (!stable(warm, stableWithin) && performance.now() - warmStart < maxWarmupMs)) {
		throwIfCancelled();
		warm.push((await once()).wall);
	}

	const wall: number[] = [];
	const gpu: number[] = [];
	const start = performance.now();
	while (wall.length < minSamples || (wall.length < maxSamples && performance.now() - start < budgetMs)) {
		throwIfCancelled();
		const s = await once();
		wall.push(s.wall);
		if (s.gpu !== null) gpu.push(s.gpu);
	}
	const useGpu = opts.gpuTimer && gpu.length === wall.length;
	const s = summarize(useGpu ? gpu : wall);
	return {
		median_ms: s.median,
		p10_ms: s.p10,
		p90_ms: s.p90,
		p95_ms: s.p95,
		p99_ms: s.p99,
		mad_ms: s.mad,
		ci95_ms: s.ci95,
		mean_ms: s.mean,
		std_ms: s.std,
		samples: s.samples,
		cold_ms: cold.wall,
		timer: useGpu ? opts.gpuTimer! : 'performance.now',
		resolution_ms: useGpu ? 0 : resolution
	};
}

/** How many calls make one sample at least `targetMs` long, from one probe call. */
export function innerCount(probeMs: number, targetMs: number, max = 1000): number {
	if (!(probeMs > 0)) return max;
	return Math.max(1, Math.min(max, Math.ceil(targetMs / probeMs)));
}
