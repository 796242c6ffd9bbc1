// `npm run bench` section "capstone": the standard capstone run in headless Chromium, with and
// without WebGPU: its wall time, the shipped models on every engine (onnxruntime-web EPs and
// our own kernels: latency, throughput, accuracy, agreement) and the measured roofline.
import { log } from './harness.mjs';
import { inBothBrowsers, runSuitePage } from './suite-page.mjs';

const round = (x, digits = 3) => (x == null ? null : Number(x.toPrecision(digits)));

async function once(url, browser, label) {
	const { wall_s, stored } = await runSuitePage(browser, url, 'capstone', 'capstone-result');
	const c = stored.capstone;
	if (!c) throw new Error('the capstone result has no capstone block');
	log(`capstone/${label}: ${wall_s.toFixed(1)} s, score ${c.score?.value ?? '—'}`);
	return {
		browser: label,
		wall_s: Math.round(wall_s * 10) / 10,
		status: stored.status,
		score: c.score?.value ?? null,
		models: c.models.flatMap((m) =>
			m.runs.map((r) => ({
				model: m.model,
				engine: r.engine,
				status: r.status,
				reason: r.status === 'ok' ? null : r.reason,
				p50_ms: round(r.latency?.median_ms),
				p90_ms: round(r.latency?.p90_ms),
				batch: r.batch,
				throughput_batch: round(r.throughput_batch),
				accuracy: r.accuracy,
				agrees: r.agreement ? r.agreement.within : null
			}))
		),
		roofline: c.roofline.map((r) => ({ backend: r.backend, peak_gflops: round(r.peak_gflops), peak_from: r.peak_from, bandwidth_gbps: round(r.bandwidth_gbps), bandwidth_from: r.bandwidth_from }))
	};
}

const cell = (v, f = (x) => x) => (v == null ? '—' : f(v));

export const capstoneSection = {
	name: 'capstone',
	needs: { browser: true },
	async run({ url, browser }) {
		const rows = await inBothBrowsers(browser, (b, label) => once(url, b, label));
		const md = [
			'### Capstone: the standard run in headless Chromium',
			'',
			'| browser | wall (s) | status | capstone score |',
			'| --- | ---: | --- | ---: |',
			...rows.map((r) => `| ${r.browser} | ${r.wall_s} | ${r.status} | ${cell(r.score)} |`),
			'',
			'Shipped models on every engine (latency of one inference; throughput at the batch size shown; accuracy on the shipped eval set; "agrees" = outputs within tolerance of onnxruntime-web WASM):',
			'',
			'| browser | model | engine | status | p50 (ms) | p90 (ms) | batch | inferences/s | accuracy | agrees |',
			'| --- | --- | --- | --- | ---: | ---: | ---: | ---: | ---: | --- |',
			...rows.flatMap((r) =>
				r.models.map(
					(m) =>
						`| ${r.browser} | ${m.model} | ${m.engine} | ${m.status}${m.reason ? ` (${m.reason.slice(0, 60)})` : ''} | ${cell(m.p50_ms)} | ${cell(m.p90_ms)} | ${m.batch} | ${cell(m.throughput_batch)} | ${cell(m.accuracy, (a) => `${(a * 100).toFixed(1)} %`)} | ${cell(m.agrees, (a) => (a ? 'yes' : 'no'))} |`
				)
			),
			'',
			'Roofline (measured peak and bandwidth per backend):',
			'',
			'| browser | backend | peak GFLOP/s | from | bandwidth GB/s | from |',
			'| --- | --- | ---: | --- | ---: | --- |',
			...rows.flatMap((r) => r.roofline.map((f) => `| ${r.browser} | ${f.backend} | ${f.peak_gflops} | ${f.peak_from} | ${f.bandwidth_gbps} | ${f.bandwidth_from} |`)),
			''
		].join('\n');
		return { data: { rows }, markdown: md };
	}
};
