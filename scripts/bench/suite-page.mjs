// Runs one suite the way a student does (the /bench page with autostart) in a fresh page of
// `browser`, and reads back the result the page stored in IndexedDB, with the wall time from
// navigation to the result on screen. Shared by the baseline and capstone sections.
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS } from './harness.mjs';

export async function runSuitePage(browser, url, suite, doneTestId) {
	const page = await browser.newPage();
	try {
		const t0 = performance.now();
		await page.goto(`${url}/bench?suite=${suite}&autostart=1`);
		await page.getByTestId(doneTestId).waitFor({ timeout: 600_000 });
		const wall_s = (performance.now() - t0) / 1000;
		const stored = await page.evaluate(async (wanted) => {
			const db = await new Promise((resolve) => {
				const req = indexedDB.open('tito-web');
				req.onsuccess = () => resolve(req.result);
			});
			return new Promise((resolve) => {
				const req = db.transaction('results').objectStore('results').getAll();
				req.onsuccess = () => resolve(req.result.filter((r) => r.suite === wanted).at(-1));
			});
		}, suite);
		if (!stored) throw new Error(`the ${suite} run stored no result`);
		return { wall_s, stored };
	} finally {
		await page.close();
	}
}

/** The same run in the shared WebGPU browser and in one launched without WebGPU. */
export async function inBothBrowsers(browser, fn) {
	const rows = [await fn(browser, 'webgpu (SwiftShader)')];
	const plain = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS.filter((a) => a !== '--enable-unsafe-webgpu') });
	try {
		rows.push(await fn(plain, 'wasm-only'));
	} finally {
		await plain.close();
	}
	return rows;
}
