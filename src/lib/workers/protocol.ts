import type { MatmulTiming } from '$lib/bench/perf/matmul-timing';
import type { CapstoneLength } from '$lib/bench/suites/capstone';
import type { ModelBenchSpec, ModelTiming } from '$lib/inference/model-bench';
import type { OrtEp } from '$lib/inference/ort';
import type { CaseOutcome } from '$lib/kernels/selftest';
import type { ComputeReport } from '$lib/schemas/compute';
import type { BackendId, WorkloadResult } from '$lib/schemas/result';

/** A deliberate fault for tests: the backend's device is lost after its first workload. */
export type Fault = 'lose-backend';

/**
 * The bench worker's whole protocol: every request carries an id, every response
 * echoes it. Progress events are responses that do not settle the request.
 */
export type BenchRequest =
	| { type: 'detect'; id: number }
	| { type: 'selftest'; id: number; backend: BackendId }
	| { type: 'run-workloads'; id: number; backend: BackendId; suite: 'baseline'; budgetMs: number; fault?: Fault }
	| { type: 'matmul-timing'; id: number; backend: BackendId; sizes: number[]; budgetMs: number }
	| { type: 'matmul-reference'; id: number; size: number }
	| { type: 'model-bench'; id: number; backend: BackendId; model: Uint8Array; spec: ModelBenchSpec }
	| { type: 'capstone-kernels'; id: number; backend: BackendId; length: CapstoneLength };

/** One size of a performance-lab timing, with the output of its last run for the checks (transferred). */
export type MatmulTimingRow = { type: 'matmul-timing-row'; id: number; timing: MatmulTiming; output: Float32Array | null };

export type BenchResponse =
	| { type: 'detected'; id: number; report: ComputeReport }
	| { type: 'selftest-case'; id: number; outcome: CaseOutcome }
	| { type: 'selftest-done'; id: number; backend: BackendId; label: string | null; unavailable: string | null }
	| { type: 'workload-start'; id: number; workload: string }
	| { type: 'workload-done'; id: number; result: WorkloadResult }
	| { type: 'workloads-done'; id: number; backend: BackendId; label: string | null; unavailable: string | null }
	| { type: 'matmul-timing-start'; id: number; backend: BackendId; label: string; threads: number | null }
	| MatmulTimingRow
	| { type: 'matmul-timing-done'; id: number; backend: BackendId; label: string | null; threads: number | null; unavailable: string | null }
	| { type: 'matmul-reference-done'; id: number; size: number; data: Float64Array }
	| { type: 'model-bench-done'; id: number; backend: BackendId; label: string | null; threads: number | null; unavailable: string | null; timing: ModelTiming | null }
	| {
			type: 'capstone-kernels-done';
			id: number;
			backend: BackendId;
			label: string | null;
			unavailable: string | null;
			notes: string[];
			memory: { kind: 'gpu' | 'wasm'; bytes: number } | null;
	  }
	| { type: 'error'; id: number; message: string };

/** Responses that settle their request; every other response is a progress event. */
export const SETTLING_RESPONSES: ReadonlySet<BenchResponse['type']> = new Set([
	'detected',
	'selftest-done',
	'workloads-done',
	'matmul-timing-done',
	'matmul-reference-done',
	'model-bench-done',
	'capstone-kernels-done'
]);

/**
 * The inference worker's protocol (workers/inference.worker.ts): one onnxruntime-web
 * instance per worker, loaded once for one EP and thread count.
 */
export type InferenceRequest =
	| { type: 'load'; id: number; ep: OrtEp; numThreads: number }
	| { type: 'matmul-timing'; id: number; sizes: number[]; budgetMs: number }
	| { type: 'model-bench'; id: number; model: Uint8Array; spec: ModelBenchSpec; eps: OrtEp[] };

export type InferenceResponse =
	| { type: 'loaded'; id: number; ep: OrtEp; numThreads: number; version: string | null; unavailable: string | null }
	| MatmulTimingRow
	| { type: 'matmul-timing-done'; id: number }
	/** `ep`: the EP the session was created on; `fellBack`: why each EP before it could not be used. */
	| { type: 'model-bench-done'; id: number; ep: OrtEp; fellBack: { ep: OrtEp; reason: string }[]; timing: ModelTiming }
	| { type: 'error'; id: number; message: string };

export const INFERENCE_SETTLING: ReadonlySet<InferenceResponse['type']> = new Set(['loaded', 'matmul-timing-done', 'model-bench-done']);
