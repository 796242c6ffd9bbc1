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
	| { type: 'run-workloads'; id: number; backend: BackendId; suite: 'baseline'; budgetMs: number; fault?: Fault };

export type BenchResponse =
	| { type: 'detected'; id: number; report: ComputeReport }
	| { type: 'selftest-case'; id: number; outcome: CaseOutcome }
	| { type: 'selftest-done'; id: number; backend: BackendId; label: string | null; unavailable: string | null }
	| { type: 'workload-start'; id: number; workload: string }
	| { type: 'workload-done'; id: number; result: WorkloadResult }
	| { type: 'workloads-done'; id: number; backend: BackendId; label: string | null; unavailable: string | null }
	| { type: 'error'; id: number; message: string };

/** Responses that settle their request; every other response is a progress event. */
export const SETTLING_RESPONSES: ReadonlySet<BenchResponse['type']> = new Set(['detected', 'selftest-done', 'workloads-done']);
