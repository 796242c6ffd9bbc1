import type { PerfEntry, PerfRatio } from '$lib/schemas/perf';

/**
 * The comparisons the compute-core issue sets targets for: own ÷ other end-to-end
 * GFLOP/s, per size. Targets apply at the sizes named there only.
 */
interface Pair {
	name: string;
	description: string;
	of: string;
	vs: string;
	targets: Record<number, number>;
}

const key = (e: Pick<PerfEntry, 'impl' | 'variant'>) => `${e.impl}:${e.variant}`;

export const PERF_PAIRS: Pair[] = [
	{
		name: 'own-wasm-1t/ort-wasm-1t',
		description: 'Own WASM SIMD, 1 thread ÷ onnxruntime-web WASM EP, 1 thread',
		of: 'own:wasm-simd',
		vs: 'onnxruntime-web:wasm-ep-1t',
		targets: { 512: 1.5, 1024: 1.5 }
	},
	{
		name: 'own-wasm-mt/ort-wasm-mt',
		description: 'Own WASM SIMD, all threads ÷ onnxruntime-web WASM EP, all threads',
		of: 'own:wasm-simd-threads',
		vs: 'onnxruntime-web:wasm-ep-mt',
		targets: { 1024: 1.0 }
	},
	{
		name: 'own-wasm-mt/own-wasm-1t',
		description: 'Own WASM SIMD, all threads ÷ own WASM SIMD, 1 thread (thread scaling)',
		of: 'own:wasm-simd-threads',
		vs: 'own:wasm-simd',
		targets: { 1024: 1.6 }
	},
	{
		name: 'own-webgpu/ort-webgpu',
		description: 'Own WebGPU ÷ onnxruntime-web WebGPU EP (same adapter)',
		of: 'own:webgpu',
		vs: 'onnxruntime-web:webgpu-ep',
		targets: { 256: 1.0 }
	}
];

/** Short on purpose: the entry itself carries the full reason. */
const why = (e: PerfEntry | undefined, side: string) => (!e ? `${side} was not measured at this size` : `${e.label}: ${e.status}`);

/** Every pair at every size either side was planned for; a ratio only from two valid measurements. */
export function perfRatios(entries: PerfEntry[]): PerfRatio[] {
	const out: PerfRatio[] = [];
	for (const pair of PERF_PAIRS) {
		const of = entries.filter((e) => key(e) === pair.of);
		const vs = entries.filter((e) => key(e) === pair.vs);
		const sizes = [...new Set([...of, ...vs].map((e) => e.size))].sort((a, b) => a - b);
		for (const size of sizes) {
			const a = of.find((e) => e.size === size);
			const b = vs.find((e) => e.size === size);
			const ok = a?.status === 'ok' && b?.status === 'ok' && a.gflops && b.gflops;
			const ratio = ok ? a.gflops! / b.gflops! : null;
			const target = pair.targets[size] ?? null;
			out.push({
				name: pair.name,
				description: pair.description,
				size,
				ratio,
				target,
				met: ratio === null || target === null ? null : ratio >= target,
				reason: ok ? null : a?.status !== 'ok' ? why(a, 'own') : why(b, 'the other side')
			});
		}
	}
	return out;
}

/** The own ÷ onnxruntime-web ratio shown on an own row of the table. */
export function ratioForEntry(e: PerfEntry, ratios: PerfRatio[]): PerfRatio | null {
	const pair = PERF_PAIRS.find((p) => p.of === key(e) && p.vs.startsWith('onnxruntime-web:'));
	return (pair && ratios.find((r) => r.name === pair.name && r.size === e.size)) ?? null;
}
