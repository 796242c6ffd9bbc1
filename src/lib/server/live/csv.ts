import { toCsv } from '$lib/live/csv';
import type { ParticipantView } from '$lib/schemas/live';

const BACKENDS = ['webgpu', 'wasm-simd-threads', 'wasm-simd', 'wasm-scalar', 'js'] as const;

/** The instructor's spreadsheet: nickname and the run's numbers, no other personal data. */
export function toClassCsv(rows: (ParticipantView & { joined_at: string; removed: boolean })[]): string {
	const header = [
		'nickname', 'joined_at', 'status', 'removed', 'adapter', 'software_renderer', 'best_backend', 'best_score',
		...BACKENDS.map((b) => `score_${b}`), ...BACKENDS.map((b) => `matmul_gflops_${b}`), 'correct', 'failures', 'run_seconds'
	];
	const body = rows.map((p) => {
		const s = p.summary;
		const gpu = s?.webgpu;
		return [
			p.nickname, p.joined_at, p.status, p.removed,
			gpu ? (gpu.available ? `${gpu.vendor} ${gpu.architecture}`.trim() : `no WebGPU: ${gpu.reason}`) : null,
			gpu?.available ? gpu.software : null,
			s?.best_backend ?? null, s?.best_score ?? null,
			...BACKENDS.map((b) => s?.scores.find((x) => x.backend === b)?.score ?? null),
			...BACKENDS.map((b) => s?.matmul_gflops.find((x) => x.backend === b)?.gflops ?? null),
			s ? s.correct : null, s?.failures.join('; ') ?? null,
			s ? Math.round(s.duration_ms / 100) / 10 : null
		];
	});
	return toCsv(header, body);
}
