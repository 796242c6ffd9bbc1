import { caseInputs } from '$lib/kernels/cases';
import { checkOutput, type Tolerance } from '$lib/kernels/check';
import { reference } from '$lib/kernels/registry';
import { opCost } from '$lib/kernels/specs';
import type { KernelProvider, OpName, OpParams, PreparedOp, RefTensor, Tensor } from '$lib/kernels/types';
import type { BackendId, WorkloadResult } from '$lib/schemas/result';
import { innerCount, measure } from './timing';

/** One op call inside a workload, with seeded inputs. */
export interface OpCall<O extends OpName = OpName> {
	op: O;
	shapes: number[][];
	params: OpParams[O];
	seed: number;
	tolerance: Tolerance;
	/** Indexes of inputs that are all zeros (e.g. absent biases). */
	zeros?: number[];
}

/** A timed workload: its calls run back to back make one iteration (TinyTorch: "ms per iteration"). */
export interface WorkloadSpec {
	workload: string;
	shape: string;
	calls: OpCall[];
}

export interface WorkloadRunOptions {
	budgetMs: number;
	signal?: AbortSignal;
	/** A sample should last at least this long, so short ops stay above the timer's resolution. */
	minSampleMs?: number;
	/** Where the float64 reference comes from (the capstone keeps one per call for all backends). */
	reference?: (call: OpCall, inputs: Tensor[]) => RefTensor;
}

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * Prepares the calls, checks every output against the float64 reference, then times
 * the iteration. A failed check or a thrown error makes the row invalid, with the reason.
 */
export async function runWorkload(
	provider: KernelProvider,
	backend: BackendId,
	spec: WorkloadSpec,
	opts: WorkloadRunOptions
): Promise<WorkloadResult> {
	let flops = 0;
	let bytes = 0;
	const prepared: PreparedOp[] = [];
	const row: WorkloadResult = {
		workload: spec.workload,
		backend,
		threads: provider.threads ?? 1,
		shape: spec.shape,
		measurement: null,
		flops: null,
		bytes: null,
		gflops: null,
		gbps: null,
		check: { passed: false, max_abs_error: null, tolerance: Math.max(...spec.calls.map((c) => c.tolerance.atol)) },
		error: null
	};
	try {
		let maxErr = 0;
		for (const call of spec.calls) {
			if (!provider.supports(call.op)) throw new Error(`${provider.label} has no ${call.op} kernel.`);
			const inputs = caseInputs(call);
			for (const i of call.zeros ?? []) inputs[i].data.fill(0);
			const cost = opCost(call.op, inputs, call.params);
			flops += cost.flops;
			bytes += cost.bytes;
			const p = await provider.prepare(call.op, inputs, call.params);
			prepared.push(p);
			await p.run();
			const want = opts.reference ? opts.reference(call, inputs) : reference(call.op, inputs, call.params);
			const check = checkOutput(await p.read(), want, call.tolerance);
			maxErr = Math.max(maxErr, check.maxAbsError);
			if (!check.passed) {
				const w = check.worst!;
				row.check = { passed: false, max_abs_error: check.maxAbsError, tolerance: call.tolerance.atol };
				row.error = `Wrong answer from ${call.op}: element ${w.index} is ${w.got}, the reference says ${w.want}. This result is not valid.`;
				return row;
			}
		}
		row.check = { ...row.check, passed: true, max_abs_error: maxErr };
		const iteration = async () => {
			let gpu: number | null = 0;
			for (const p of prepared) {
				const { kernelMs } = await p.run();
				gpu = kernelMs === null || gpu === null ? null : gpu + kernelMs;
			}
			return gpu;
		};
		const t0 = performance.now();
		await iteration();
		const inner = innerCount(performance.now() - t0, opts.minSampleMs ?? 1);
		const m = await measure(iteration, inner, { budgetMs: opts.budgetMs, signal: opts.signal, maxWarmupMs: opts.budgetMs / 2 });
		row.measurement = m;
		row.flops = flops;
		row.bytes = bytes;
		row.gflops = m.median_ms > 0 ? flops / (m.median_ms * 1e6) : null;
		row.gbps = m.median_ms > 0 ? bytes / (m.median_ms * 1e6) : null;
	} catch (err) {
		if ((err as Error)?.name === 'AbortError') throw err;
		row.error = `${provider.label} could not run ${spec.workload}: ${messageOf(err)}`;
		row.measurement = null;
	} finally {
		for (const p of prepared) p.dispose();
	}
	return row;
}
