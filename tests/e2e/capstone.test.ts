import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';

test('a test-size capstone completes, shows the roofline, saves the score to the profile and appears in history', async ({ page }, info) => {
	test.setTimeout(420_000);
	await page.goto('/profile');
	await page.getByLabel('Cohort').fill('Capstone 2026');
	await page.getByRole('button', { name: 'Join' }).click();
	await expect(page.getByTestId('profile')).toBeVisible();

	await page.goto('/bench?suite=capstone&length=test&autostart=1');
	await expect(page.getByTestId('capstone-progress')).toBeVisible();
	await expect(page.getByRole('progressbar', { name: 'Capstone progress' })).toBeVisible();
	await expect(page.getByTestId('capstone-result')).toBeVisible({ timeout: 400_000 });

	const gpu = info.project.name === 'webgpu';
	const backends = gpu ? ['webgpu', 'wasm-simd-threads', 'wasm-simd'] : ['wasm-simd-threads', 'wasm-simd'];
	// Every kernel row on every backend ran and matched its float64 reference.
	const rows = await page.$$eval('[data-testid="kernel-row"]', (rs) => rs.map((r) => ({ ...(r as HTMLElement).dataset })));
	expect([...new Set(rows.map((r) => r.backend))]).toEqual(backends);
	for (const b of backends) {
		const workloads = rows.filter((r) => r.backend === b).map((r) => r.workload);
		expect(workloads, b).toEqual(expect.arrayContaining(['matmul_16', 'conv2d_cifar', 'attention_s128_d64', 'softmax_bw', 'layernorm_bw', 'copy_bw', 'mlp_forward', 'cnn_forward']));
	}
	expect(rows.filter((r) => r.passed !== 'true')).toEqual([]);

	// One roofline per backend, each with its one-line reading.
	await expect(page.getByTestId('roofline-chart')).toHaveCount(backends.length);
	for (const b of backends) await expect(page.locator(`[data-testid="roofline-chart"][data-backend="${b}"] circle`)).not.toHaveCount(0);
	await expect(page.getByTestId('roofline-reading').first()).toHaveText(/^matmul \d+ (reaches \d+ % of this device's measured peak|is limited by memory: .+)\.$/);

	// Models on every engine this browser has, all agreeing with onnxruntime-web.
	const runs = await page.$$eval('[data-testid="model-run"]', (rs) => rs.map((r) => ({ ...(r as HTMLElement).dataset })));
	expect(runs.filter((r) => r.status === 'ok').length).toBe(gpu ? 8 : 4);
	for (const r of runs.filter((x) => x.status === 'ok' && x.engine !== 'ort-wasm')) expect(r.within, r.engine).toBe('true');

	await expect(page.getByTestId('memory')).toContainText('WebAssembly memory of the own kernels (largest):');
	const score = Number(await page.getByTestId('capstone-score').getAttribute('data-score'));
	expect(score).toBeGreaterThan(0);
	expect(score).toBeLessThanOrEqual(100);
	await expect(page.getByTestId('score-definition')).toContainText('Capstone score = 100 × the mean of three parts');
	await expect(page.getByTestId('capstone-saved')).toContainText(`Your profile's capstone score is now ${score}.`);

	// The Module 20 submission of the shipped baseline, and its Olympics events.
	const submission = JSON.parse((await page.getByTestId('submission-json').textContent())!);
	expect(submission).toMatchObject({ submission_type: 'capstone', division: 'closed', baseline: { model_name: 'tiny-digits-mlp', metrics: { parameter_count: 2410 } } });
	expect(submission.system_info.engine).toMatch(gpu ? /WebGPU EP/ : /WASM EP/);
	await expect(page.getByTestId('event-closed-latency_sprint').first()).toBeVisible();
	await page.getByRole('button', { name: 'Save submission' }).click();
	await expect(page.getByTestId('submission-saved')).toContainText('Saved on this device');

	const { violations } = await new AxeBuilder({ page }).analyze();
	expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} ${v.help}`)).toEqual([]);

	// The export re-opens as the same result, the roofline with it.
	const download = page.waitForEvent('download');
	await page.getByTestId('capstone-result').getByRole('button', { name: 'Export JSON' }).click();
	const exported = readFileSync(await (await download).path(), 'utf8');
	expect(JSON.parse(exported)).toMatchObject({ schema: 'tito-web/result@1', suite: 'capstone', capstone: { format: 'tito-web/capstone@1', length: 'test' } });
	await page.goto('/bench');
	await page.getByTestId('load-result').setInputFiles({ name: 'capstone.json', mimeType: 'application/json', buffer: Buffer.from(exported) });
	await expect(page.getByTestId('capstone-score')).toHaveAttribute('data-score', String(score));
	await expect(page.getByTestId('roofline-chart')).toHaveCount(backends.length);

	await page.goto('/profile');
	const profile = JSON.parse((await page.getByTestId('profile-json').textContent())!);
	expect(profile.progress.capstone_score).toBe(score);

	await page.goto('/bench/history');
	const row = page.getByTestId('history-row').filter({ hasText: 'capstone' });
	await expect(row).toContainText(`${score} (capstone score)`);
	await row.getByRole('button', { name: 'View' }).click();
	await expect(page.getByTestId('roofline-chart')).toHaveCount(backends.length);
});

test('the capstone can be cancelled and nothing is saved', async ({ page }) => {
	test.setTimeout(120_000);
	await page.goto('/bench?suite=capstone&autostart=1');
	await expect(page.getByTestId('capstone-progress')).toBeVisible();
	await page.getByRole('button', { name: 'Cancel the capstone' }).click();
	await expect(page.getByTestId('capstone')).toHaveAttribute('data-state', 'cancelled');
	await expect(page.getByTestId('capstone-cancelled')).toHaveText('Cancelled. Nothing was saved.');
	await page.goto('/bench/history');
	await expect(page.getByTestId('history-empty')).toBeVisible();
	await page.goto('/bench');
	await expect(page.getByRole('button', { name: 'Run the capstone' })).toBeEnabled();
});
