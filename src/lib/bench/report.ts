import { benchResultSchema, type BenchResult, type WorkloadResult } from '$lib/schemas/result';
import { backendName } from './runner';
import { REFERENCE_SYSTEM } from './score';

export const fmtMs = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms >= 1 ? ms.toFixed(2) : ms >= 0.01 ? ms.toFixed(3) : ms.toExponential(2));
export const fmtRate = (x: number | null) => (x === null ? '—' : x >= 100 ? x.toFixed(0) : x >= 1 ? x.toFixed(1) : x.toFixed(3));

/** One plain sentence on what worked: the first thing a student reads. */
export function verdict(result: BenchResult): string {
	const ok = (b: string) => result.workloads.some((w) => w.backend === b && w.check.passed && !w.error);
	const parts: string[] = [];
	const gpu = result.compute.webgpu;
	if (ok('webgpu') && gpu.available) {
		const name = [gpu.vendor, gpu.architecture || gpu.description].filter(Boolean).join(' ');
		parts.push(`WebGPU on ${name || 'your GPU'}${gpu.software ? ' (a software renderer, not a real GPU)' : ''}`);
	}
	const threads = result.workloads.find((w) => w.backend === 'wasm-simd-threads' && w.check.passed)?.threads;
	if (ok('wasm-simd-threads')) parts.push(`WebAssembly SIMD with ${threads} threads`);
	else if (ok('wasm-simd')) parts.push('WebAssembly SIMD on one core');
	else if (ok('wasm-scalar')) parts.push('WebAssembly without SIMD');
	const failed = result.workloads.filter((w) => w.error || !w.check.passed).length;
	if (!parts.length) return 'Only plain JavaScript worked here: the fast backends could not run (see the notes below).';
	return `Your setup works: ${parts.join('; ')}.${failed ? ` ${failed} measurement${failed > 1 ? 's' : ''} failed — see below.` : ''}`;
}

/** A Markdown summary for a README, a forum post or an LMS. */
export function toMarkdown(result: BenchResult): string {
	const lines = [
		`## Tito Web ${result.suite} — ${result.started_at.slice(0, 16).replace('T', ' ')} UTC`,
		'',
		verdict(result),
		''
	];
	if (result.scores.length) {
		lines.push('| Backend | Score | Tensor ops (ms) | Matmul (ms) | Forward pass (ms) |', '| --- | ---: | ---: | ---: | ---: |');
		for (const s of result.scores)
			lines.push(`| ${backendName(s.backend)} | **${s.score}** | ${fmtMs(s.tensor_ops_ms)} | ${fmtMs(s.matmul_ms)} | ${fmtMs(s.forward_pass_ms)} |`);
		lines.push('', `Score as \`tito benchmark baseline\` computes it, against ${REFERENCE_SYSTEM.description} (100 = as fast or faster).`, '');
	}
	lines.push('| Workload | Backend | Median (ms) | p10–p90 (ms) | GFLOP/s | Check |', '| --- | --- | ---: | ---: | ---: | --- |');
	for (const w of result.workloads) lines.push(markdownRow(w));
	for (const m of result.models ?? []) {
		lines.push('', `${m.title} (ONNX, ${m.parameter_count} parameters) on ${m.samples} eval images:`, '', '| Engine | p50 (ms) | Accuracy |', '| --- | ---: | ---: |');
		for (const r of m.runs) lines.push(`| ${r.label} | ${r.latency ? fmtMs(r.latency.median_ms) : r.status} | ${r.accuracy === null ? '—' : `${(100 * r.accuracy).toFixed(1)} %`} |`);
	}
	if (result.notes.length) lines.push('', ...result.notes.map((n) => `- ${n}`));
	return lines.join('\n') + '\n';
}

function markdownRow(w: WorkloadResult): string {
	const m = w.measurement;
	const check = w.error ? `failed: ${w.error.replaceAll('|', '/')}` : w.check.passed ? 'ok' : 'wrong';
	return `| ${w.workload} | ${backendName(w.backend)} | ${m ? fmtMs(m.median_ms) : '—'} | ${m ? `${fmtMs(m.p10_ms)}–${fmtMs(m.p90_ms)}` : '—'} | ${fmtRate(w.gflops)} | ${check} |`;
}

export type ParsedResult = { ok: true; result: BenchResult } | { ok: false; message: string };

/** Reads an exported result file; any problem is a sentence, never an exception. */
export function parseResultFile(text: string): ParsedResult {
	let data: unknown;
	try {
		data = JSON.parse(text);
	} catch {
		return { ok: false, message: 'This file is not JSON: it is not a Tito Web result export.' };
	}
	const schema = (data as { schema?: unknown })?.schema;
	if (typeof schema === 'string' && schema.startsWith('tito-web/result@') && schema !== 'tito-web/result@1') {
		return { ok: false, message: `This result was saved by a newer version of Tito Web (${schema}). Update the app to open it.` };
	}
	const parsed = benchResultSchema.safeParse(data);
	if (!parsed.success) {
		const first = parsed.error.issues[0];
		return { ok: false, message: `This is not a valid Tito Web result: ${first.path.join('.') || 'file'} — ${first.message}.` };
	}
	return { ok: true, result: parsed.data };
}
