/**
 * The empirical roofline: this device's measured peak compute and memory bandwidth per
 * backend, and where each kernel sits against them.
 */
export interface Ceilings {
	/** GFLOP/s of the best compute-bound kernel measured. */
	peakGflops: number;
	/** GB/s of the streaming (bandwidth-bound) kernel. */
	bandwidthGbps: number;
}

export interface RooflinePoint {
	name: string;
	flops: number;
	bytes: number;
	gflops: number;
}

/** FLOPs per byte moved. */
export const intensity = (p: Pick<RooflinePoint, 'flops' | 'bytes'>) => p.flops / p.bytes;

/** The most a kernel of this intensity can reach here: min(peak, intensity × bandwidth). */
export const attainable = (ai: number, c: Ceilings) => Math.min(c.peakGflops, ai * c.bandwidthGbps);

/** The intensity where the two ceilings meet: below it kernels are bandwidth-bound. */
export const ridgePoint = (c: Ceilings) => c.peakGflops / c.bandwidthGbps;

export interface RooflineReading {
	name: string;
	intensity: number;
	gflops: number;
	bound: 'memory' | 'compute';
	/** Share of the attainable performance at this intensity, 0..1+. */
	ofAttainable: number;
	/** Share of the measured peak. */
	ofPeak: number;
	sentence: string;
}

export function readPoint(p: RooflinePoint, c: Ceilings): RooflineReading {
	const ai = intensity(p);
	const bound = ai < ridgePoint(c) ? 'memory' : 'compute';
	const ofPeak = p.gflops / c.peakGflops;
	const ofAttainable = p.gflops / attainable(ai, c);
	const sentence =
		bound === 'compute'
			? `${p.name} reaches ${Math.round(100 * ofPeak)} % of this device's measured peak.`
			: ofAttainable > 1.05
				? // The bandwidth ceiling is a stream through main memory; a kernel whose data stays in cache can beat it.
					`${p.name} runs above the memory ceiling (${Math.round(100 * ofAttainable)} % of what ${ai.toFixed(2)} FLOP per byte allows): its data stays in cache, which is faster than the streaming bandwidth measured here.`
				: `${p.name} is limited by memory: ${Math.round(100 * ofAttainable)} % of what ${ai.toFixed(2)} FLOP per byte allows here.`;
	return { name: p.name, intensity: ai, gflops: p.gflops, bound, ofAttainable, ofPeak, sentence };
}

/** What the roofline needs from a measured row (a WorkloadResult). */
export interface MeasuredKernel {
	workload: string;
	flops: number | null;
	bytes: number | null;
	gflops: number | null;
	gbps: number | null;
	ok: boolean;
}

export interface MeasuredRoofline {
	ceilings: Ceilings;
	peakFrom: string;
	bandwidthFrom: string;
	points: (RooflineReading & { workload: string; flops: number; bytes: number })[];
}

/**
 * This device's roofline from one backend's rows: the peak is the best compute-bound
 * kernel measured, the bandwidth the streaming kernel's; every correct row becomes a point.
 * Null when either ceiling is missing (those kernels failed or did not run).
 */
export function measuredRoofline(
	rows: MeasuredKernel[],
	kernels: { name(workload: string): string; computeBound(workload: string): boolean; bandwidthFrom: string }
): MeasuredRoofline | null {
	const ok = rows.filter((r): r is MeasuredKernel & { flops: number; bytes: number; gflops: number; gbps: number } => r.ok && !!r.flops && !!r.bytes && r.gflops !== null && r.gbps !== null);
	const compute = ok.filter((r) => kernels.computeBound(r.workload)).sort((a, b) => b.gflops - a.gflops);
	const stream = ok.find((r) => r.workload === kernels.bandwidthFrom);
	if (!compute.length || !stream || !(compute[0].gflops > 0) || !(stream.gbps > 0)) return null;
	const ceilings = { peakGflops: compute[0].gflops, bandwidthGbps: stream.gbps };
	return {
		ceilings,
		peakFrom: compute[0].workload,
		bandwidthFrom: stream.workload,
		points: ok.map((r) => ({ ...readPoint({ name: kernels.name(r.workload), flops: r.flops, bytes: r.bytes, gflops: r.gflops }, ceilings), workload: r.workload, flops: r.flops, bytes: r.bytes }))
	};
}
