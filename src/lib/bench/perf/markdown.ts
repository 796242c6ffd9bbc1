import type { PerfEntry, PerfReport } from '$lib/schemas/perf';
import { fmtMs, fmtRate } from '../report';
import { ratioForEntry } from './ratios';

const cell = (s: string) => s.replaceAll('|', '/').replaceAll('\n', ' ');
const ms = (x: number | null) => (x === null ? '—' : fmtMs(x));
const ratio = (x: number | null) => (x === null ? '—' : `${x.toFixed(2)}×`);

/** A table row: one entry, or every size of an implementation that could not run, with the same reason. */
export interface PerfRow {
	entry: PerfEntry;
	sizes: number[];
}

export function perfRows(entries: PerfEntry[]): PerfRow[] {
	return entries.reduce<PerfRow[]>((rows, e) => {
		const last = rows.at(-1)?.entry;
		const same = last && e.status === 'unavailable' && last.status === 'unavailable' && last.variant === e.variant && last.reason === e.reason;
		if (same) rows.at(-1)!.sizes.push(e.size);
		else rows.push({ entry: e, sizes: [e.size] });
		return rows;
	}, []);
}

export function entryStatus(e: PerfEntry): string {
	if (e.status === 'ok') return e.reason ? `ok (${e.reason})` : 'ok';
	return `${e.status}: ${e.reason ?? ''}`;
}

/** The performance lab's result as Markdown tables: every measurement, then the ratios against their targets. */
export function perfMarkdown(report: PerfReport): string {
	const gpu = report.compute.webgpu;
	const adapter = gpu.available ? `${gpu.vendor} ${gpu.architecture || gpu.description}${gpu.software ? ' (software renderer)' : ''}` : 'none';
	const lines = [
		`## Matmul: own kernels vs onnxruntime-web ${report.onnxruntime_version}`,
		'',
		`${report.compute.hardwareConcurrency} cores, WebGPU adapter: ${adapter}. n×n·n×n float32; GFLOP/s = 2n³ / median, end to end (JS arrays in and out, copies included); median of ≥ 5 warm runs.`,
		'',
		'| Impl | Backend | Size | Threads | GFLOP/s | Median (ms) | p10 (ms) | p90 (ms) | Kernel-only GFLOP/s | Own/ORT | Check |',
		'| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |'
	];
	for (const { entry: e, sizes } of perfRows(report.entries)) {
		const r = e.impl === 'own' ? ratioForEntry(e, report.ratios) : null;
		lines.push(
			`| ${e.label} | ${e.backend} | ${sizes.join(', ')} | ${e.threads ?? '—'} | ${fmtRate(e.gflops)} | ${ms(e.median_ms)} | ${ms(e.p10_ms)} | ${ms(e.p90_ms)} | ${fmtRate(e.kernel_only?.gflops ?? null)} | ${ratio(r?.ratio ?? null)} | ${cell(entryStatus(e))} |`
		);
	}
	lines.push('', '| Ratio | Size | Value | Target | Met |', '| --- | ---: | ---: | ---: | --- |');
	for (const r of report.ratios) {
		const met = r.met === null ? (r.target === null ? '' : `no data (${cell(r.reason ?? '')})`) : r.met ? 'yes' : 'no';
		lines.push(`| ${r.description} | ${r.size} | ${ratio(r.ratio)} | ${r.target === null ? '' : `≥ ${r.target}×`} | ${met} |`);
	}
	return lines.join('\n') + '\n';
}
