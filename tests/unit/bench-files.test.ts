import { describe, expect, it } from 'vitest';
import { baselineSubmission, cliBaselineFile } from '$lib/bench/cli-files';
import { compareRuns } from '$lib/bench/compare';
import { submissionRecordSchema } from '$lib/schemas/submission';
import { baselineRows, result, row } from './helpers/fixtures';

describe("the CLI's files", () => {
	const r = result([...baselineRows('wasm-simd', 2), ...baselineRows('js', 20)]);

	it('writes .tito/benchmarks/baseline_<ts>.json with the best backend, as tito does', () => {
		const cli = cliBaselineFile(r)!;
		expect(cli.name).toBe('baseline_20261123_100000.json');
		expect(Object.keys(cli.file)).toEqual(['benchmark_type', 'timestamp', 'system_info', 'reference_system', 'raw_metrics', 'normalized_metrics', 'metrics']);
		expect(cli.file.raw_metrics).toEqual({ tensor_ops_ms: 2, matmul_ms: 2, forward_pass_ms: 2, total_ms: 6 });
		expect(cli.file.normalized_metrics.score).toBe(100);
		expect(cli.file.reference_system.times_ms).toEqual({ tensor_ops: 0.8, matmul: 2.5, forward_pass: 6.7, total: 10 });
		expect(cli.file.metrics).toMatchObject({ total_ms: 6, total_normalized: 10 / 6 });
		expect(Object.keys(cli.file.system_info)).toEqual(['platform', 'processor', 'python_version', 'cpu_count']);
	});

	it('builds a valid baseline submission, system info only when asked', () => {
		const s = baselineSubmission(r, false, new Date('2026-11-23T10:01:00Z'))!;
		expect(submissionRecordSchema.parse(s)).toEqual(s);
		expect(s.file).toMatchObject({ benchmark_type: 'baseline', anonymous: true, include_system_info: false, metrics: { score: 100, backend: 'wasm-simd' } });
		expect('system_info' in s.file).toBe(false);
		expect(baselineSubmission(r, true)!.file).toHaveProperty('system_info.cpu_count', 4);
		expect(baselineSubmission(result([row('js', 'matmul', 1)]), false)).toBeNull();
	});
});

describe('comparing two runs', () => {
	it('lines rows up by workload and backend', () => {
		const a = result(baselineRows('wasm-simd', 2));
		const b = result([...baselineRows('wasm-simd', 1).slice(0, 2), row('wasm-simd', 'forward_pass', 1, false), row('js', 'matmul', 5)]);
		const rows = compareRuns(a, b);
		expect(rows.find((x) => x.workload === 'matmul' && x.backend === 'wasm-simd')).toEqual({ workload: 'matmul', backend: 'wasm-simd', a: 2, b: 1, ratio: 0.5 });
		expect(rows.find((x) => x.workload === 'forward_pass')?.ratio).toBeNull();
		expect(rows.find((x) => x.backend === 'js')).toMatchObject({ a: null, b: 5, ratio: null });
	});
});
