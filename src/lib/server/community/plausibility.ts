import { baselineScore } from '$lib/bench/score';
import type { BenchResult } from '$lib/schemas/result';
import { ApiError } from '../http';

/**
 * Numbers no real device produces. Generous on purpose: the top data-centre GPU of 2026 does
 * under 100 TFLOP/s in float32, a CPU core in WebAssembly under 200 GFLOP/s.
 */
export const MAX_GFLOPS = { webgpu: 200_000, 'wasm-simd-threads': 20_000, 'wasm-simd': 500, 'wasm-scalar': 200, js: 100 } as const;
export const MAX_GBPS = { webgpu: 20_000, 'wasm-simd-threads': 2_000, 'wasm-simd': 500, 'wasm-scalar': 500, js: 200 } as const;

const implausible = (what: string) => new ApiError(422, 'implausible', `This result cannot come from a real run: ${what}.`);

/** Rejects a result whose numbers disagree with each other or with physics. */
export function checkPlausible(r: BenchResult): void {
	if (r.finished_at < r.started_at) throw implausible('it finished before it started');
	for (const w of r.workloads) {
		const m = w.measurement;
		if (w.gflops !== null && w.gflops > MAX_GFLOPS[w.backend]) throw implausible(`${w.gflops} GFLOP/s on ${w.backend}`);
		if (w.gbps !== null && w.gbps > MAX_GBPS[w.backend]) throw implausible(`${w.gbps} GB/s on ${w.backend}`);
		if (m && !(m.p10_ms <= m.median_ms && m.median_ms <= m.p90_ms)) throw implausible(`${w.workload}: the median is outside p10–p90`);
		if (m && w.flops !== null && w.gflops !== null && m.median_ms > 0) {
			const implied = w.flops / (m.median_ms * 1e6);
			if (Math.abs(implied - w.gflops) > 0.01 * implied + 1e-9) throw implausible(`${w.workload}: GFLOP/s does not match its time`);
		}
	}
	// Each score must be what TinyTorch's formula gives for the medians measured in this run.
	const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 + 1e-6 * Math.abs(b);
	for (const s of r.scores) {
		const median = (workload: string) => r.workloads.find((w) => w.backend === s.backend && w.workload === workload)?.measurement?.median_ms;
		const times = { tensor_ops_ms: median('tensor_ops'), matmul_ms: median('matmul'), forward_pass_ms: median('forward_pass') };
		if (Object.entries(times).some(([k, v]) => v === undefined || !close(v, s[k as keyof typeof times]))) {
			throw implausible(`the ${s.backend} score does not use this run's measured times`);
		}
		const again = baselineScore(s.backend, s);
		const fields = ['total_ms', 'tensor_ops_normalized', 'matmul_normalized', 'forward_pass_normalized', 'total_normalized', 'score'] as const;
		if (fields.some((f) => !close(again[f], s[f]))) throw implausible(`a score of ${s.score} for times that give ${again.score}`);
	}
}
