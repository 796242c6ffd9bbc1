// `npm run bench` section "baseline": the student's "hello world" run, timed end to end in
// headless Chromium, with and without WebGPU (the issue's budget: 15 s on a low-end laptop).
import { log } from './harness.mjs';
import { inBothBrowsers, runSuitePage } from './suite-page.mjs';

async function once(url, browser, label) {
	const { wall_s: wall, stored: exported } = await runSuitePage(browser, url, 'baseline', 'result');
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
		const rows = await inBothBrowsers(browser, (b, label) => once(url, b, label));
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
