import { mulberry32 } from '$lib/kernels/random';

/** Percentile by linear interpolation between closest ranks (NumPy's default), p in [0, 100]. */
export function percentile(sorted: readonly number[], p: number): number {
	if (!sorted.length) throw new Error('percentile of no samples');
	const rank = (p / 100) * (sorted.length - 1);
	const lo = Math.floor(rank);
	const hi = Math.ceil(rank);
	return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
}

export const median = (sorted: readonly number[]) => percentile(sorted, 50);

export function mean(xs: readonly number[]): number {
	return xs.reduce((a, b) => a + b, 0) / xs.length;
}

/** Sample standard deviation (n − 1); 0 for one sample. */
export function std(xs: readonly number[]): number {
	if (xs.length < 2) return 0;
	const m = mean(xs);
	return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1));
}

/** Median absolute deviation from the median (unscaled). */
export function mad(sorted: readonly number[]): number {
	const m = median(sorted);
	return median(sorted.map((x) => Math.abs(x - m)).sort((a, b) => a - b));
}

/**
 * Percentile-bootstrap 95% confidence interval of the median, with a fixed seed so
 * the same samples always give the same interval.
 */
export function bootstrapMedianCI(sorted: readonly number[], resamples = 1000, seed = 12345): [number, number] {
	if (sorted.length < 2) return [sorted[0], sorted[0]];
	const rand = mulberry32(seed);
	const n = sorted.length;
	const medians = new Float64Array(resamples);
	const draw = new Float64Array(n);
	for (let r = 0; r < resamples; r++) {
		for (let i = 0; i < n; i++) draw[i] = sorted[Math.floor(rand() * n)];
		draw.sort();
		medians[r] = n % 2 ? draw[(n - 1) / 2] : (draw[n / 2 - 1] + draw[n / 2]) / 2;
	}
	medians.sort();
	return [percentile(Array.from(medians), 2.5), percentile(Array.from(medians), 97.5)];
}

export interface Summary {
	median: number;
	p10: number;
	p90: number;
	/** Tail latency, for inference (p99 needs ≥ 100 samples to be more than the maximum). */
	p95: number;
	p99: number;
	mad: number;
	ci95: [number, number];
	mean: number;
	std: number;
	samples: number;
}

export function summarize(samples: readonly number[]): Summary {
	const sorted = [...samples].sort((a, b) => a - b);
	return {
		median: median(sorted),
		p10: percentile(sorted, 10),
		p90: percentile(sorted, 90),
		p95: percentile(sorted, 95),
		p99: percentile(sorted, 99),
		mad: mad(sorted),
		ci95: bootstrapMedianCI(sorted),
		mean: mean(sorted),
		std: std(sorted),
		samples: sorted.length
	};
}
