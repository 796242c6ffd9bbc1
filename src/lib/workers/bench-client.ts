import type { CapstoneLength } from '$lib/bench/suites/capstone';
import type { ModelBenchSpec } from '$lib/inference/model-bench';
import type { CaseOutcome } from '$lib/kernels/selftest';
import type { ComputeReport } from '$lib/schemas/compute';
import type { BackendId, WorkloadResult } from '$lib/schemas/result';
import { WorkerClient } from './client';
import { SETTLING_RESPONSES, type BenchRequest, type BenchResponse, type Fault, type MatmulTimingRow } from './protocol';

type Reply<T extends BenchResponse['type']> = Extract<BenchResponse, { type: T }>;

/** The main thread's only way to talk to workers/bench.worker.ts. */
export class BenchClient {
	#client = new WorkerClient<BenchRequest, BenchResponse>(
		new Worker(new URL('../../../workers/bench.worker.ts', import.meta.url), { type: 'module', name: 'bench' }),
		(res) => SETTLING_RESPONSES.has(res.type)
	);

	async detect(): Promise<ComputeReport> {
		return (await this.#client.request<Reply<'detected'>>({ type: 'detect' })).report;
	}

	/** Runs the correctness table on one backend; `onCase` sees each outcome as it lands. */
	selftest(backend: BackendId, onCase: (outcome: CaseOutcome) => void): Promise<Reply<'selftest-done'>> {
		return this.#client.request<Reply<'selftest-done'>>({ type: 'selftest', backend }, (event) => {
			if (event.type === 'selftest-case') onCase(event.outcome);
		});
	}

	/** Runs a suite's workloads on one backend, streaming each row as it finishes. */
	runWorkloads(
		req: { backend: BackendId; suite: 'baseline'; budgetMs: number; fault?: Fault },
		on: { start(workload: string): void; done(result: WorkloadResult): void }
	): Promise<Reply<'workloads-done'>> {
		return this.#client.request<Reply<'workloads-done'>>({ type: 'run-workloads', ...req }, (event) => {
			if (event.type === 'workload-start') on.start(event.workload);
			if (event.type === 'workload-done') on.done(event.result);
		});
	}

	/** Times our matmul on one backend at each size (performance lab): the provider first, then each row as it lands. */
	matmulTiming(
		req: { backend: BackendId; sizes: number[]; budgetMs: number },
		on: { start(info: Reply<'matmul-timing-start'>): void; row(row: MatmulTimingRow): void }
	): Promise<Reply<'matmul-timing-done'>> {
		return this.#client.request<Reply<'matmul-timing-done'>>({ type: 'matmul-timing', ...req }, (event) => {
			if (event.type === 'matmul-timing-start') on.start(event);
			if (event.type === 'matmul-timing-row') on.row(event);
		});
	}

	/** The float64 reference of the performance lab's n×n matmul, on the same seeded inputs. */
	async matmulReference(size: number): Promise<Float64Array> {
		return (await this.#client.request<Reply<'matmul-reference-done'>>({ type: 'matmul-reference', size })).data;
	}

	/** The capstone's kernel workloads on one backend, each row as it finishes. */
	capstoneKernels(req: { backend: BackendId; length: CapstoneLength }, on: { start(workload: string): void; done(result: WorkloadResult): void }): Promise<Reply<'capstone-kernels-done'>> {
		return this.#client.request<Reply<'capstone-kernels-done'>>({ type: 'capstone-kernels', ...req }, (event) => {
			if (event.type === 'workload-start') on.start(event.workload);
			if (event.type === 'workload-done') on.done(event.result);
		});
	}

	/** Measures a model on our kernels of one backend (ModelBenchSpec says how); `unavailable` when they cannot run it here. */
	modelBench(req: { backend: BackendId; model: Uint8Array; spec: ModelBenchSpec }): Promise<Reply<'model-bench-done'>> {
		return this.#client.request<Reply<'model-bench-done'>>({ type: 'model-bench', ...req });
	}

	terminate(reason?: string) {
		this.#client.terminate(reason);
	}
}
