import { reference } from '$lib/kernels/registry';
import type { KernelProvider, RefTensor, Tensor } from '$lib/kernels/types';
import type { BackendId, WorkloadResult } from '$lib/schemas/result';
import { CAPSTONE_LENGTHS, capstoneWorkloads, matmulWorkload, type CapstoneLength } from './suites/capstone';
import { runWorkload, type OpCall } from './workload';

/**
 * The float64 references, kept for the life of the worker: every backend is checked
 * against the same numbers, and a 1024³ matmul reference (seconds of JavaScript) is
 * computed once per run, not once per backend.
 */
const references = new Map<string, RefTensor>();
function cachedReference(call: OpCall, inputs: Tensor[]): RefTensor {
	const key = `${call.op}:${JSON.stringify(call.shapes)}:${call.seed}:${JSON.stringify(call.params)}`;
	let ref = references.get(key);
	if (!ref) references.set(key, (ref = reference(call.op, inputs, call.params)));
	return ref;
}

export interface CapstoneKernelEvents {
	start(workload: string): void;
	done(row: WorkloadResult): void;
}

/** Runs the capstone's kernel workloads on one backend; returns notes on what adapted (where the sweep stopped). */
export async function runCapstoneKernels(provider: KernelProvider, backend: BackendId, length: CapstoneLength, on: CapstoneKernelEvents): Promise<string[]> {
	const s = CAPSTONE_LENGTHS[length];
	const opts = { budgetMs: s.budgetMs, reference: cachedReference };
	const notes: string[] = [];
	for (const [i, n] of s.sweep.entries()) {
		const spec = matmulWorkload(n);
		on.start(spec.workload);
		const row = await runWorkload(provider, backend, spec, opts);
		on.done(row);
		const next = s.sweep[i + 1];
		if (row.error || !row.measurement || next === undefined) break;
		// Work grows as n³: from the last time, the next size's time is predictable.
		const predicted = row.measurement.median_ms * (next / n) ** 3;
		if (predicted > s.maxCallMs) {
			notes.push(`${provider.label}: the matmul sweep stopped at ${n}; ${next}×${next} would take about ${Math.round(predicted)} ms per call here.`);
			break;
		}
	}
	for (const spec of capstoneWorkloads(s)) {
		on.start(spec.workload);
		on.done(await runWorkload(provider, backend, spec, opts));
	}
	return notes;
}
