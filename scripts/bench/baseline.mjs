// `npm run bench` section "baseline": the student's "hello world" run, timed end to end in
// headless Chromium, with and without WebGPU (the issue's budget: 15 s on a low-end laptop).
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, log } from './harness.mjs';

async function once(url, browser, label) {
	const page = await browser.newPage();
	const t0 = performance.now();
	await page.goto(`${url}/bench?suite=baseline&autostart=1`);
	await page.getByTestId('result').waitFor({ timeout: 300_000 });
	const wall = (performance.now() - t0) / 1000;
	const exported = await page.evaluate(async () => {
		const db = await new Promise((resolve) => {
			const req = indexedDB.open('tito-web');
			req.onsuccess = () => resolve(req.result);
		});
		return new Promise((resolve) => {
			const req = db.transaction('results').objectStore('results').getAll();
			req.onsuccess = () => resolve(req.result[0]);
		});
	});
	await page.close();
	const scores = Object.fromEntries(exported.scores.map((s) => [s.backend, s.score]));
	log(`baseline/${label}: ${wall.toFixed(1)} s, scores ${JSON.stringify(scores)}`);
	return {
		browser: label,
		wall_s: Math.round(wall * 10) / 10,
		run_s: Math.round((Date.parse(exported.finished_at) - Date.parse(exported.started_at)) / 100) / 10,
		status: exported.status,
		scores,
		rows: exported.workloads.map((w) => ({ workload: w.workload, backend: w.backend, median_ms: w.measurement?.median_ms ?? null, gflops: w.gflops, correct: w.check.passed }))
	};
}

export const baselineSection = {
	name: 'baseline',
	needs: { browser: true },
	async run({ url, browser }) {
		const rows = [await once(url, browser, 'webgpu (SwiftShader)')];
		const plain = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS.filter((a) => a !== '--enable-unsafe-webgpu') });
		try {
			rows.push(await once(url, plain, 'wasm-only'));
		} finally {
			await plain.close();
		}
		const backends = [...new Set(rows.flatMap((r) => Object.keys(r.scores)))];
		const md = [
			'### Baseline: wall time of the standard run (page load to result), headless Chromium',
			'',
			`| browser | wall (s) | run (s) | status | ${backends.map((b) => `score ${b}`).join(' | ')} |`,
			`| --- | ---: | ---: | --- | ${backends.map(() => '---:').join(' | ')} |`,
			...rows.map((r) => `| ${r.browser} | ${r.wall_s} | ${r.run_s} | ${r.status} | ${backends.map((b) => r.scores[b] ?? '—').join(' | ')} |`),
			'',
			'Budget: ≤ 15 s.',
			''
		].join('\n');
		return { data: { rows }, markdown: md };
	}
};
