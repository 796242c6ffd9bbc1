import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { PerfEntry, PerfReport } from '../../src/lib/schemas/perf';
import { expect, test } from './fixtures';

async function runLab(page: Page, query: string): Promise<PerfReport> {
	await page.goto(`/bench/perf?${query}&auto=1`);
	await expect(page.getByTestId('perf-lab')).toHaveAttribute('data-state', 'done', { timeout: 150_000 });
	return JSON.parse((await page.getByTestId('perf-json').textContent()) ?? '');
}

const find = (r: PerfReport, variant: string, size: number) => r.entries.find((e) => e.variant === variant && e.size === size);

function expectCorrect(e: PerfEntry | undefined, what: string) {
	expect(e, what).toBeDefined();
	expect(e!.status, `${what}: ${e!.reason}`).toBe('ok');
	expect(e!.check.reference?.passed, what).toBe(true);
	expect(e!.gflops, what).toBeGreaterThan(0);
	expect(e!.end_to_end!.samples, what).toBeGreaterThanOrEqual(5);
	expect(e!.p10_ms!, what).toBeLessThanOrEqual(e!.median_ms!);
	expect(e!.median_ms!, what).toBeLessThanOrEqual(e!.p90_ms!);
}

test('the performance lab runs onnxruntime-web and says why anything else cannot run', async ({ page }, info) => {
	test.setTimeout(180_000);
	const report = await runLab(page, 'quick=1');
	expect(report.schema).toBe('tito-web/perf@1');
	expect(report.onnxruntime_version).toBe('1.30.0');
	const sizes = [32, 64];
	expect(report.settings.cpu_sizes).toEqual(sizes);

	for (const n of sizes) {
		// onnxruntime-web's WASM EP, in two workers: 1 thread and (at least) 2.
		expectCorrect(find(report, 'wasm-ep-1t', n), `ORT WASM 1 thread, ${n}`);
		expectCorrect(find(report, 'wasm-ep-mt', n), `ORT WASM all threads, ${n}`);
		expect(find(report, 'wasm-ep-1t', n)!.threads).toBe(1);
		expect(find(report, 'wasm-ep-mt', n)!.threads).toBeGreaterThanOrEqual(2);

		const gpu = find(report, 'webgpu-ep', n)!;
		if (info.project.name === 'webgpu') expectCorrect(gpu, `ORT WebGPU on SwiftShader, ${n}`);
		else {
			expect(gpu.status).toBe('unavailable');
			expect(gpu.reason).toContain('requestAdapter() returned null');
			expect(find(report, 'webgpu', n)!.status).toBe('unavailable');
		}

		// Our kernels: a row for each, either measured and correct (also against onnxruntime-web) or unavailable with the reason.
		for (const variant of ['wasm-simd', 'wasm-simd-threads', 'webgpu']) {
			const own = find(report, variant, n);
			expect(own, `own ${variant} ${n}`).toBeDefined();
			if (own!.status === 'unavailable') expect(own!.reason, `own ${variant} ${n}`).toMatch(/\w{4,}/);
			else {
				expectCorrect(own, `own ${variant} ${n}`);
				expect(own!.check.vs_onnxruntime?.passed, `own ${variant} ${n} vs ORT`).toBe(true);
			}
		}
	}
	expect(report.ratios.length).toBeGreaterThan(0);
	for (const r of report.ratios) if (r.ratio === null) expect(r.reason).toBeTruthy();

	// The table shows the same rows, and the exports are there.
	await expect(page.locator('[data-testid="perf-row"][data-variant="wasm-ep-1t"][data-status="ok"]')).toHaveCount(2);
	await expect(page.getByTestId('perf-markdown')).toContainText('| onnxruntime-web WASM EP, 1 thread | wasm | 32 | 1 |');
	const { violations } = await new AxeBuilder({ page }).analyze();
	expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} ${v.help}`)).toEqual([]);
	const download = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Download JSON' }).click();
	expect((await download).suggestedFilename()).toMatch(/^tito-perf_\d{8}_\d{6}\.json$/);
});

test('sizes come from the address, and a bad one is refused with a message', async ({ page }) => {
	test.setTimeout(120_000);
	const report = await runLab(page, 'sizes=17&gpuSizes=9&budget=20');
	expect(report.settings).toEqual({ cpu_sizes: [17], gpu_sizes: [9], budget_ms: 20 });
	expectCorrect(find(report, 'wasm-ep-1t', 17), 'ORT WASM at an odd size');
	await page.goto('/bench/perf?sizes=12,abc');
	await expect(page.getByText('Ignored in the address')).toContainText('"abc" is not a size');
	await page.getByLabel('CPU (WASM) sizes').fill('0');
	await expect(page.getByRole('alert')).toContainText('CPU sizes: "0" is not a size');
	await expect(page.getByRole('button', { name: /Run/ })).toBeDisabled();
});

test('onnxruntime-web comes from the app, is cached at run time outside the precache, and works offline', async ({ page, context }, info) => {
	test.setTimeout(180_000);
	await page.goto('/');
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
		if (!navigator.serviceWorker.controller) await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
	});
	const wasm = await page.request.get('/ort/ort-wasm-simd-threaded.wasm');
	expect(wasm.headers()['content-type']).toBe('application/wasm');
	expect(wasm.headers()['cross-origin-resource-policy']).toBe('same-origin');

	await runLab(page, 'sizes=16&budget=20');
	const cached = await page.evaluate(async () => {
		const out: Record<string, string[]> = {};
		for (const name of await caches.keys()) out[name] = (await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname);
		return out;
	});
	const ort = (paths: string[]) => paths.filter((p) => p.startsWith('/ort/')).sort();
	const expected = ['/ort/ort-wasm-simd-threaded.mjs', '/ort/ort-wasm-simd-threaded.wasm', '/ort/ort.wasm.min.mjs'];
	if (info.project.name === 'webgpu') expected.push('/ort/ort-wasm-simd-threaded.asyncify.mjs', '/ort/ort-wasm-simd-threaded.asyncify.wasm', '/ort/ort.webgpu.min.mjs');
	expect(ort(cached['runtime-v1'] ?? [])).toEqual(expected.sort());
	for (const [name, paths] of Object.entries(cached)) if (name !== 'runtime-v1') expect(ort(paths), name).toEqual([]);

	await context.setOffline(true);
	const offline = await runLab(page, 'sizes=16&budget=20');
	expectCorrect(find(offline, 'wasm-ep-1t', 16), 'ORT WASM offline');
	await context.setOffline(false);
});

test('a run can be cancelled, and the page can run again', async ({ page }) => {
	test.setTimeout(120_000);
	await page.goto('/bench/perf?sizes=1024&gpuSizes=256&auto=1');
	await expect(page.getByTestId('progress')).toBeVisible();
	await page.getByRole('button', { name: 'Cancel' }).click();
	await expect(page.getByTestId('perf-lab')).toHaveAttribute('data-state', 'cancelled');
	await expect(page.getByTestId('cancelled')).toBeVisible();
	await page.getByLabel('CPU (WASM) sizes').fill('8');
	await page.getByLabel('GPU (WebGPU) sizes').fill('8');
	await page.getByRole('button', { name: 'Run the comparison' }).click();
	await expect(page.getByTestId('perf-lab')).toHaveAttribute('data-state', 'done', { timeout: 100_000 });
	await expect(page.locator('[data-testid="perf-row"][data-variant="wasm-ep-1t"][data-size="8"]')).toHaveAttribute('data-status', 'ok');
});
