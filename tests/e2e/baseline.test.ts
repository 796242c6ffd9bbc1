import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

async function runQuickBaseline(page: Page, query = '') {
	await page.goto(`/bench?suite=baseline&autostart=1&length=quick${query}`);
	await expect(page.getByTestId('result')).toBeVisible({ timeout: 90_000 });
}

async function exportJson(page: Page): Promise<string> {
	const download = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Export JSON' }).click();
	return readFileSync(await (await download).path(), 'utf8');
}

test('a full baseline run completes with a score, checked rows and a verdict', async ({ page }, info) => {
	test.setTimeout(120_000);
	await runQuickBaseline(page);
	const result = page.getByTestId('result');
	await expect(result).toHaveAttribute('data-status', 'complete');
	await expect(page.getByTestId('verdict')).not.toBeEmpty();
	await expect(page.getByTestId('score-js')).toContainText('/ 100');
	for (const w of ['tensor_ops', 'matmul', 'forward_pass']) await expect(page.getByTestId(`row-js-${w}`)).toContainText('correct');
	// The tiny shipped ONNX model through onnxruntime-web, at the accuracy the training script reported.
	const wasmEp = page.locator('[data-testid="model-run"][data-engine="ort-wasm"]');
	await expect(wasmEp).toHaveAttribute('data-status', 'ok');
	expect(Number(await wasmEp.getAttribute('data-accuracy'))).toBeGreaterThan(0.95);
	await expect(page.locator('[data-testid="model-run"][data-engine="ort-webgpu"]')).toHaveCount(info.project.name === 'webgpu' ? 1 : 0);
	const webgpuRows = page.locator('[data-testid^="row-webgpu-"]');
	if (info.project.name === 'wasm-only') {
		await expect(webgpuRows).toHaveCount(0);
		await expect(page.getByTestId('notes')).toContainText('GPU (WebGPU) not run');
	}
});

test('an exported result re-imports identically; a corrupt file changes nothing', async ({ page }, info) => {
	test.setTimeout(120_000);
	await runQuickBaseline(page);
	const exported = await exportJson(page);
	const file = info.outputPath('result.json');
	const { writeFileSync } = await import('node:fs');
	writeFileSync(file, exported);

	await page.goto('/bench');
	await page.getByTestId('load-result').setInputFiles(file);
	await expect(page.getByTestId('result')).toBeVisible();
	expect(await exportJson(page)).toBe(exported);

	await page.getByTestId('load-result').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"schema":"tito-web/result@1",') });
	await expect(page.getByTestId('load-error')).toContainText('not JSON');
	await expect(page.getByTestId('result')).toBeVisible();
	expect(await exportJson(page)).toBe(exported);
});

test('cancel stops the run and keeps nothing', async ({ page }) => {
	await page.goto('/bench?suite=baseline&autostart=1');
	await expect(page.getByTestId('progress')).toBeVisible();
	await page.getByRole('button', { name: 'Cancel' }).click();
	await expect(page.getByTestId('cancelled')).toBeVisible({ timeout: 1_000 });
	await expect(page.getByTestId('result')).toHaveCount(0);
	await expect(page.getByRole('button', { name: 'Run the baseline' })).toBeEnabled();
});

test('a backend lost mid-run gives a partial, clearly marked result that keeps what was measured', async ({ page }) => {
	test.setTimeout(120_000);
	await runQuickBaseline(page, '&fault=lose-backend');
	await expect(page.getByTestId('result')).toHaveAttribute('data-status', 'partial');
	await expect(page.getByTestId('partial')).toContainText('Partial result');
	const failed = page.locator('tr.failed');
	await expect(failed).toHaveCount(2);
	await expect(page.locator('tr:not(.failed)[data-testid$="-tensor_ops"]').first()).toContainText('correct');
});

test('a run is saved, appears in history after reload, and can be submitted to the profile', async ({ page }) => {
	test.setTimeout(180_000);
	await runQuickBaseline(page);
	await expect(page.getByTestId('saved')).toBeVisible();
	await page.getByRole('button', { name: 'Save to my profile' }).click();
	await expect(page.getByTestId('submit-prompt')).toContainText('Saved to your profile');
	await runQuickBaseline(page);
	await page.goto('/bench/history');
	await page.reload();
	await expect(page.getByTestId('history-row')).toHaveCount(2);
	for (const box of await page.getByRole('checkbox').all()) await box.check();
	await expect(page.getByTestId('compare')).toContainText('Second ÷ first');
	await page.getByRole('button', { name: 'View' }).first().click();
	await expect(page.getByTestId('result')).toBeVisible();
	await page.goto('/community');
	await expect(page.getByTestId('stat-runs')).toContainText('2 (2 baseline');
	await expect(page.getByTestId('stat-best')).toContainText('/ 100');
});
