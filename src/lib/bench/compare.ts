import type { BenchResult } from '$lib/schemas/result';

export interface ComparedRow {
	workload: string;
	backend: string;
	a: number | null;
	b: number | null;
	/** b / a: below 1 means the second run was faster. */
	ratio: number | null;
}

/** Lines two runs up by workload and backend; a row missing from one side shows as null there. */
export function compareRuns(a: BenchResult, b: BenchResult): ComparedRow[] {
	const key = (w: { workload: string; backend: string }) => `${w.workload}\u0000${w.backend}`;
	const median = (r: BenchResult, k: string) => {
		const w = r.workloads.find((x) => key(x) === k);
		return w?.measurement && w.check.passed ? w.measurement.median_ms : null;
	};
	const keys = [...new Set([...a.workloads, ...b.workloads].map(key))];
	return keys.map((k) => {
		const [workload, backend] = k.split('\u0000');
		const [ma, mb] = [median(a, k), median(b, k)];
		return { workload, backend, a: ma, b: mb, ratio: ma !== null && mb !== null && ma > 0 ? mb / ma : null };
	});
}
