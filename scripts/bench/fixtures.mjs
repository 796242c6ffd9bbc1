// Valid, self-consistent records for the load sections: what a real baseline run sends
// (the server re-checks scores and GFLOP/s against the times, so these must agree).
import { randomBytes, randomUUID } from 'node:crypto';

const REF = { tensor_ops: 0.8, matmul: 2.5, forward_pass: 6.7, total: 10 };

/** @param {number} ms */
function measurement(ms) {
	return { median_ms: ms, p10_ms: ms * 0.9, p90_ms: ms * 1.2, mad_ms: ms * 0.05, ci95_ms: [ms * 0.95, ms * 1.05], mean_ms: ms, std_ms: ms * 0.1, samples: 40, cold_ms: ms * 3, timer: 'performance.now', resolution_ms: 0.005 };
}

export function baselineResult(now = new Date()) {
	const backend = 'wasm-simd';
	/** @type {Record<string, number>} */
	const times = { tensor_ops: 0.4 + Math.random(), matmul: 0.8 + Math.random(), forward_pass: 0.3 + Math.random() };
	/** @type {Record<string, number>} */
	const flops = { tensor_ops: 30_000, matmul: 2_000_000, forward_pass: 203_530 };
	const workloads = Object.entries(times).map(([workload, ms]) => ({
		workload, backend, threads: 1, shape: 'bench', measurement: measurement(ms),
		flops: flops[workload], bytes: 120_000, gflops: flops[workload] / (ms * 1e6), gbps: 120_000 / (ms * 1e6),
		check: { passed: true, max_abs_error: 1e-6, tolerance: 1e-4 }, error: null
	}));
	const total = times.tensor_ops + times.matmul + times.forward_pass;
	const score = {
		backend, tensor_ops_ms: times.tensor_ops, matmul_ms: times.matmul, forward_pass_ms: times.forward_pass, total_ms: total,
		tensor_ops_normalized: REF.tensor_ops / times.tensor_ops, matmul_normalized: REF.matmul / times.matmul,
		forward_pass_normalized: REF.forward_pass / times.forward_pass, total_normalized: REF.total / total,
		score: Math.min(100, Math.floor((100 * REF.total) / total))
	};
	return {
		schema: 'tito-web/result@1', id: randomUUID(), suite: 'baseline',
		started_at: new Date(now.getTime() - 15_000).toISOString(), finished_at: now.toISOString(), app_version: 'bench', status: 'complete',
		compute: {
			schema: 'tito-web/compute@1', detectedAt: now.toISOString(), webgpu: { available: false, reason: 'bench' },
			wasm: { available: true, simd: true, relaxedSimd: true, threads: true }, crossOriginIsolated: true,
			hardwareConcurrency: 4, deviceMemoryGb: 8, userAgent: 'bench', platform: 'Linux'
		},
		workloads, scores: [score], notes: []
	};
}

export const newDevice = () => ({ anonymous_id: randomUUID(), token: randomBytes(32).toString('base64url'), consent: { version: 'sync-1', agreed_at: new Date().toISOString() } });

/** The class summary a student's device sends after its run. */
/** @param {number} i */
export function classSummary(i) {
	const gpu = i % 3 === 0;
	const backend = gpu ? 'webgpu' : 'wasm-simd-threads';
	return {
		result_id: randomUUID(), best_backend: backend, best_score: (i * 37) % 101, scores: [{ backend, score: (i * 37) % 101 }],
		matmul_gflops: [{ backend, gflops: 1 + (i % 50) }],
		webgpu: gpu ? { available: true, vendor: 'bench', architecture: 'bench', software: false } : { available: false, reason: 'bench' },
		correct: true, failures: [], duration_ms: 14_000
	};
}
