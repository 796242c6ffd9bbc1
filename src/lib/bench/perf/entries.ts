import { dot } from '$lib/kernels/cases';
import { checkOutput, type Tolerance } from '$lib/kernels/check';
import type { PerfEntry } from '$lib/schemas/perf';
import type { Measurement } from '$lib/schemas/result';
import { matmulFlops, type MatmulTiming } from './matmul-timing';
import { variantLabel, type PerfVariant } from './plan';

type Check = NonNullable<PerfEntry['check']['reference']>;

/** The matmul tolerance of the correctness table (cases.ts) for a reduction of length n. */
export const matmulTolerance = (n: number): Tolerance => dot(n);
/** Two float32 answers, each within the tolerance of the float64 one, are within twice it of each other. */
const crossTolerance = (n: number): Tolerance => ({ atol: 2 * dot(n).atol, rtol: 2 * dot(n).rtol });

function check(got: Float32Array, want: Float64Array | Float32Array, n: number, tol: Tolerance): { check: Check; wrong: string | null } {
	const r = checkOutput(got, { shape: [n, n], data: want instanceof Float64Array ? want : Float64Array.from(want) }, tol);
	const c = { passed: r.passed, max_abs_error: Number.isFinite(r.maxAbsError) ? r.maxAbsError : null, atol: tol.atol, rtol: tol.rtol };
	const w = r.worst;
	const wrong = !w ? null : w.index < 0 ? `${w.got} values instead of ${w.want}` : `element ${w.index} is ${w.got}, expected ${w.want}`;
	return { check: c, wrong };
}

const gflopsOf = (n: number, ms: number) => (ms > 0 ? matmulFlops(n) / (ms * 1e6) : null);

function kernelOnly(n: number, m: Measurement | null): PerfEntry['kernel_only'] {
	return m && { gflops: gflopsOf(n, m.median_ms), median_ms: m.median_ms, p10_ms: m.p10_ms, p90_ms: m.p90_ms, timer: m.timer };
}

function blank(v: PerfVariant, size: number): PerfEntry {
	return {
		impl: v.impl,
		backend: v.backend,
		variant: v.variant,
		label: variantLabel(v),
		size,
		threads: v.threads,
		status: 'error',
		reason: null,
		gflops: null,
		median_ms: null,
		p10_ms: null,
		p90_ms: null,
		end_to_end: null,
		kernel_only: null,
		setup_ms: null,
		check: { reference: null, vs_onnxruntime: null }
	};
}

/** A row for every size of an implementation that could not run here, with the reason. */
export function notRunEntries(v: PerfVariant, status: 'unavailable' | 'error', reason: string, sizes = v.sizes): PerfEntry[] {
	return sizes.map((n) => ({ ...blank(v, n), status, reason }));
}

/**
 * One measured size, checked against the float64 reference and (for our kernels) against
 * onnxruntime-web's answer on the same inputs. A wrong answer makes the row invalid.
 */
export function measuredEntry(
	v: PerfVariant,
	timing: MatmulTiming,
	output: Float32Array | null,
	reference: Float64Array,
	onnxruntimeOutput: Float32Array | null
): PerfEntry {
	const n = timing.size;
	const entry = blank(v, n);
	entry.setup_ms = timing.setup_ms;
	const m = timing.end_to_end;
	if (timing.error || !m || !output) {
		return { ...entry, reason: `${entry.label} could not run ${n}×${n}: ${timing.error ?? 'no result'}` };
	}
	Object.assign(entry, { end_to_end: m, median_ms: m.median_ms, p10_ms: m.p10_ms, p90_ms: m.p90_ms, gflops: gflopsOf(n, m.median_ms) });
	entry.kernel_only = kernelOnly(n, timing.kernel_only);
	const ref = check(output, reference, n, matmulTolerance(n));
	entry.check.reference = ref.check;
	const reasons: string[] = [];
	if (ref.wrong) reasons.push(`Wrong answer: ${ref.wrong} by the float64 reference. This result is not valid.`);
	if (onnxruntimeOutput && v.impl === 'own') {
		const vs = check(output, onnxruntimeOutput, n, crossTolerance(n));
		entry.check.vs_onnxruntime = vs.check;
		if (vs.wrong) reasons.push(`Differs from onnxruntime-web: ${vs.wrong} by onnxruntime-web.`);
	}
	entry.status = ref.wrong ? 'invalid' : 'ok';
	entry.reason = reasons.length ? reasons.join(' ') : null;
	return entry;
}
