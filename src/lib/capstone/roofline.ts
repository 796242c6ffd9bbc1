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
			: `${p.name} is limited by memory: ${Math.round(100 * ofAttainable)} % of what ${ai.toFixed(2)} FLOP per byte allows here.`;
	return { name: p.name, intensity: ai, gflops: p.gflops, bound, ofAttainable, ofPeak, sentence };
}
