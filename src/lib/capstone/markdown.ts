import { fmtMs, fmtRate, toMarkdown } from '$lib/bench/report';
import type { BenchResult } from '$lib/schemas/result';

const pct = (x: number | null) => (x === null ? '—' : `${(100 * x).toFixed(1)} %`);

/** The capstone as Markdown: the kernel rows (as the baseline's export), then models, roofline, memory and score. */
export function capstoneMarkdown(result: BenchResult): string {
	const c = result.capstone;
	const lines = [toMarkdown(result).trimEnd()];
	if (!c) return lines.join('\n') + '\n';
	lines.push('', '### Models', '', '| Model | Engine | Ran on | Session (ms) | p50 / p95 / p99 (ms) | Throughput b1 (/s) | Throughput b32 (/s) | Accuracy | Max abs diff |', '| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |');
	for (const m of c.models)
		for (const r of m.runs) {
			const l = r.latency;
			const tail = l ? `${fmtMs(l.median_ms)} / ${fmtMs(l.p95_ms ?? l.p90_ms)} / ${fmtMs(l.p99_ms ?? l.p90_ms)}` : '—';
			const where = r.status === 'ok' ? (r.ep ? `${r.ep} EP` : 'own kernels') : r.status;
			lines.push(`| ${m.model} | ${r.label} | ${where} | ${r.setup_ms === null ? '—' : fmtMs(r.setup_ms)} | ${tail} | ${fmtRate(r.throughput_1)} | ${fmtRate(r.throughput_batch)} | ${pct(r.accuracy)} | ${r.agreement ? r.agreement.max_abs_diff.toExponential(1) : '—'} |`);
		}
	lines.push('', '### Roofline', '');
	for (const r of c.roofline) {
		lines.push(`- **${r.label}**: peak ${fmtRate(r.peak_gflops)} GFLOP/s (${r.peak_from}), bandwidth ${fmtRate(r.bandwidth_gbps)} GB/s (${r.bandwidth_from}).`);
		for (const p of r.points) lines.push(`  - ${p.sentence}`);
	}
	const mb = (b: number | null) => (b === null ? '—' : `${(b / 1024 / 1024).toFixed(1)} MB`);
	lines.push('', `Memory: GPU buffers ${mb(c.memory.gpu_bytes)}, WebAssembly heap ${mb(c.memory.wasm_heap_bytes)}, whole page ${mb(c.memory.page_bytes)}.`);
	if (c.score) lines.push('', `**Capstone score: ${c.score.value} / 100** — ${c.score.definition}`);
	lines.push('', `Capstone wall time: ${(c.wall_ms / 1000).toFixed(1)} s (${c.length}).`);
	return lines.join('\n') + '\n';
}
