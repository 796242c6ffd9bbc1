// `npm run bench` section "kernels": the performance lab page (/bench/perf) in headless
// Chromium: own matmul kernels vs onnxruntime-web, WASM and WebGPU, same inputs, same timing.
import { log } from './harness.mjs';

const TIMEOUT_MS = 30 * 60_000;

/** Page query from the command line: --quick, --sizes 128,256, --gpu-sizes 64, --budget 500. */
function query(args) {
	const q = new URLSearchParams({ auto: '1' });
	if (args.quick) q.set('quick', '1');
	if (args.sizes) q.set('sizes', args.sizes);
	if (args['gpu-sizes']) q.set('gpuSizes', args['gpu-sizes']);
	if (args.budget) q.set('budget', args.budget);
	return q;
}

export const kernels = {
	name: 'kernels',
	needs: { browser: true },
	/** @param {{ url: string, browser: import('@playwright/test').Browser, args: Record<string, string | boolean> }} ctx */
	async run({ url, browser, args }) {
		const page = await browser.newPage();
		const offsite = [];
		const own = new URL(url).host;
		page.on('request', (r) => {
			const u = new URL(r.url());
			if (u.protocol.startsWith('http') && u.host !== own) offsite.push(r.url());
		});
		page.on('pageerror', (e) => log('page error:', e.message));
		await page.goto(`${url}/bench/perf?${query(args)}`);
		const lab = page.getByTestId('perf-lab');
		let last = '';
		const ticker = setInterval(async () => {
			const step = await page.getByTestId('progress').textContent().catch(() => null);
			const text = step?.replace(/\s+/g, ' ').trim();
			if (text && text !== last) log(`kernels: ${(last = text)}`);
		}, 2000);
		try {
			await page.waitForFunction(
				() => ['done', 'error', 'cancelled'].includes(document.querySelector('[data-testid="perf-lab"]')?.getAttribute('data-state') ?? ''),
				null,
				{ timeout: TIMEOUT_MS, polling: 1000 }
			);
		} finally {
			clearInterval(ticker);
		}
		const state = await lab.getAttribute('data-state');
		if (state !== 'done') throw new Error(`The performance lab ended "${state}": ${await page.getByRole('alert').textContent().catch(() => '')}`);
		const report = JSON.parse((await page.getByTestId('perf-json').textContent()) ?? '');
		const markdown = (await page.getByTestId('perf-markdown').textContent()) ?? '';
		await page.close();
		if (offsite.length) throw new Error(`The page made requests off this machine: ${offsite.join(', ')}`);
		return { data: report, markdown };
	}
};
