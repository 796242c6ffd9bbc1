import type { GpuTimerKind } from '$lib/kernels/types';
import { randn } from '$lib/kernels/random';
import type { Measurement } from '$lib/schemas/result';
import { innerCount, measure } from '../timing';

/**
 * How the performance lab times one matmul implementation, the same way for our kernels
 * (in the bench worker) and for onnxruntime-web (in inference workers).
 */
export interface MatmulTarget {
	/** JS Float32Array inputs to a JS Float32Array output, every copy included. */
	endToEnd(a: Float32Array, b: Float32Array): Promise<Float32Array>;
	/** The kernel alone on resident inputs (own kernels); resolves with the device-measured ms when there is one. */
	kernelOnly?: () => Promise<number | null>;
	/** Which timer the device-measured ms come from (timestamp queries, or wall time to submitted work). */
	gpuTimer?: GpuTimerKind;
	dispose(): void;
}

/** Makes a target ready for n×n·n×n (session created, pipelines compiled, buffers allocated). */
export type PrepareMatmul = (n: number, a: Float32Array, b: Float32Array) => Promise<MatmulTarget>;

/** What a worker measured for one size; the page adds the checks and the labels. */
export interface MatmulTiming {
	size: number;
	setup_ms: number | null;
	end_to_end: Measurement | null;
	kernel_only: Measurement | null;
	/** Plain words when this size could not be measured. */
	error: string | null;
}

export interface MatmulTimingOptions {
	/** Time for the warm samples of each measurement. */
	budgetMs: number;
	/** A sample lasts at least this long (small sizes are repeated), so the timer's resolution does not matter. */
	minSampleMs?: number;
}

export const matmulFlops = (n: number) => 2 * n ** 3;

/** The seeded inputs every implementation gets for size n (and the reference is computed from). */
export function matmulInputs(n: number): { a: Float32Array; b: Float32Array } {
	return { a: randn(n * n, 40_000 + n), b: randn(n * n, 80_000 + n) };
}

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
	const t0 = performance.now();
	const value = await fn();
	return [value, performance.now() - t0];
}

/**
 * Prepares, runs once (the cold run, compile and first upload included), then measures
 * end to end and, where the target has it, kernel only. Returns the output of the last
 * end-to-end run, for the checks.
 */
export async function timeMatmul(
	prepare: PrepareMatmul,
	n: number,
	opts: MatmulTimingOptions
): Promise<{ timing: MatmulTiming; output: Float32Array | null }> {
	const timing: MatmulTiming = { size: n, setup_ms: null, end_to_end: null, kernel_only: null, error: null };
	const { a, b } = matmulInputs(n);
	const minSampleMs = opts.minSampleMs ?? 2;
	let target: MatmulTarget | null = null;
	try {
		[target, timing.setup_ms] = await timed(() => prepare(n, a, b));
		const t = target;
		let [output, coldMs] = await timed(() => t.endToEnd(a, b));
		const e2e = await measure(
			async () => {
				output = await t.endToEnd(a, b);
				return null;
			},
			innerCount(coldMs, minSampleMs),
			{ budgetMs: opts.budgetMs }
		);
		// measure() runs its own first call, but ours (above) is the real cold one.
		timing.end_to_end = { ...e2e, cold_ms: coldMs };
		if (t.kernelOnly) {
			const kernelOnly = t.kernelOnly;
			const [deviceMs, probeMs] = await timed(kernelOnly);
			timing.kernel_only = await measure(kernelOnly, innerCount(probeMs, minSampleMs), {
				budgetMs: opts.budgetMs,
				gpuTimer: deviceMs === null ? undefined : t.gpuTimer
			});
		}
		return { timing, output };
	} catch (err) {
		return { timing: { ...timing, error: messageOf(err) }, output: null };
	} finally {
		target?.dispose();
	}
}

/** The output in a buffer of its own, which can be transferred to the page (a view into wasm memory cannot). */
function standalone(output: Float32Array): Float32Array {
	const own = output.buffer instanceof ArrayBuffer && output.byteOffset === 0 && output.byteLength === output.buffer.byteLength;
	return own ? output : output.slice();
}

/**
 * Every size in turn on one target, each row handed over as soon as it is measured, with
 * the transfer list for postMessage.
 */
export async function timeMatmulSizes(
	prepare: PrepareMatmul,
	sizes: number[],
	opts: MatmulTimingOptions,
	onRow: (row: { timing: MatmulTiming; output: Float32Array | null }, transfer: Transferable[]) => void
): Promise<void> {
	for (const n of sizes) {
		const { timing, output } = await timeMatmul(prepare, n, opts);
		const out = output && standalone(output);
		onRow({ timing, output: out }, out ? [out.buffer] : []);
	}
}
