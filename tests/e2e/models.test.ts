import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

const manifest = JSON.parse(readFileSync('static/models/manifest.json', 'utf8')) as { models: { id: string; title: string; accuracy: number }[] };

interface RunRow {
	engine: string;
	status: string;
	accuracy: string;
	diff: string;
	within: string;
	ep: string;
	text: string;
}

async function runRows(page: Page): Promise<RunRow[]> {
	await page.getByRole('button', { name: 'Run on every engine' }).click();
	await expect(page.getByTestId('model-results')).toHaveAttribute('data-state', 'done', { timeout: 240_000 });
	return page.$$eval('[data-testid="model-run"]', (rows) => rows.map((r) => ({ ...(r as HTMLElement).dataset, text: (r as HTMLElement).innerText }) as unknown as RunRow));
}

const byEngine = (rows: RunRow[], engine: string) => rows.find((r) => r.engine === engine)!;

for (const model of manifest.models) {
	test(`${model.id}: every available engine reaches the trained accuracy, and the own kernels agree with onnxruntime-web`, async ({ page }, info) => {
		test.setTimeout(300_000);
		await page.goto('/models');
		await page.getByRole('button', { name: `Choose ${model.title}` }).click();
		await expect(page.getByTestId('own-support')).toHaveText('Every op is supported.');
		const rows = await runRows(page);
		expect(rows.map((r) => r.engine)).toEqual(['ort-wasm', 'ort-webgpu', 'own-webgpu', 'own-wasm-simd-threads']);
		const gpu = info.project.name === 'webgpu';
		const ran = rows.filter((r) => r.status === 'ok');
		expect(ran.map((r) => r.engine)).toEqual(gpu ? ['ort-wasm', 'ort-webgpu', 'own-webgpu', 'own-wasm-simd-threads'] : ['ort-wasm', 'own-wasm-simd-threads']);
		if (gpu) expect(byEngine(rows, 'ort-webgpu').ep).toBe('webgpu');
		else for (const e of ['ort-webgpu', 'own-webgpu']) expect(byEngine(rows, e).text).toContain('requestAdapter() returned null');
		expect(byEngine(rows, 'ort-wasm').ep).toBe('wasm');
		for (const r of ran) {
			expect(Math.abs(Number(r.accuracy) - model.accuracy), `${r.engine} accuracy ${r.accuracy}`).toBeLessThanOrEqual(0.005);
			if (r.engine === 'ort-wasm') continue;
			expect(r.within, `${r.engine} agrees with ort-wasm`).toBe('true');
			expect(Number(r.diff), r.engine).toBeLessThan(1e-4);
		}
		const { violations } = await new AxeBuilder({ page }).analyze();
		expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} ${v.help}`)).toEqual([]);
	});
}

test('a corrupt file, a file that is not ONNX and a model with an op the own kernels lack each get their message; the page keeps working', async ({ page }) => {
	test.setTimeout(240_000);
	await page.goto('/models');
	const drop = (name: string, buffer: Buffer) => page.getByTestId('model-file').setInputFiles({ name, mimeType: 'application/octet-stream', buffer });
	const mlp = readFileSync('static/models/tiny-digits-mlp.onnx');

	await drop('broken.onnx', mlp.subarray(0, 4000));
	await expect(page.getByTestId('model-message')).toContainText('broken.onnx: This file could not be read as an ONNX model');
	await expect(page.getByTestId('model-message')).toContainText('it is damaged or not ONNX');

	await drop('notes.onnx', Buffer.from('These are my lecture notes, not a model.\n'));
	await expect(page.getByTestId('model-message')).toHaveText('notes.onnx: This is not an ONNX model: it looks like a text file. Choose the .onnx file your export wrote.');

	await drop('sigmoid-mlp.onnx', readFileSync('tests/fixtures/sigmoid-mlp.onnx'));
	await expect(page.getByTestId('model-message')).toHaveCount(0);
	await expect(page.getByTestId('own-support')).toContainText('Not for this model — no Sigmoid kernel.');
	// Its feature axis is dynamic: the page asks for the shape before it can run.
	await expect(page.getByTestId('needs-shape')).toContainText('[?] per sample, after the batch axis');
	await expect(page.getByRole('button', { name: 'Run on every engine' })).toBeDisabled();
	await page.getByLabel('Sample shape').fill('3, 4');
	await page.getByRole('button', { name: 'Use this shape' }).click();
	await expect(page.getByRole('alert').filter({ hasText: 'axes per sample' })).toContainText("The model's input has 1 axes per sample, not 2.");
	await page.getByLabel('Sample shape').fill('64');
	await page.getByRole('button', { name: 'Use this shape' }).click();
	const rows = await runRows(page);
	expect(byEngine(rows, 'ort-wasm').status).toBe('ok');
	expect(byEngine(rows, 'ort-wasm').accuracy).toBe('');
	for (const e of ['own-webgpu', 'own-wasm-simd-threads']) expect(byEngine(rows, e).status).toBe('unavailable');
	expect(byEngine(rows, 'own-wasm-simd-threads').text).toContain('The own kernels have no Sigmoid: this model runs on onnxruntime-web only.');

	// Still working: a shipped model runs after all that.
	await page.getByRole('button', { name: `Choose ${manifest.models[0].title}` }).click();
	await expect(page.getByTestId('selected-model')).toContainText('tiny-digits-mlp');
	await expect(page.getByTestId('parameter-count')).toHaveText('2,410');
});

test('your own model with eval data as JSON: accuracy on your labels, the same on every engine', async ({ page }) => {
	test.setTimeout(240_000);
	// The first 100 shipped eval digits, as a student would export them (TTDS: 16-byte header, pixels, labels).
	const bin = readFileSync('static/models/tiny-digits-eval.bin');
	const count = bin.readUInt32LE(8);
	const inputs = Array.from({ length: 100 }, (_, i) => Array.from(bin.subarray(16 + i * 64, 16 + (i + 1) * 64), (v) => v / 255));
	const labels = Array.from(bin.subarray(16 + count * 64, 16 + count * 64 + 100));
	await page.goto('/models');
	await page.getByTestId('model-file').setInputFiles({ name: 'my-mlp.onnx', mimeType: 'application/octet-stream', buffer: readFileSync('static/models/tiny-digits-mlp.onnx') });
	await expect(page.getByTestId('own-support')).toHaveText('Every op is supported.');
	await page.getByTestId('eval-file').setInputFiles({ name: 'eval.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ inputs, labels })) });
	await expect(page.getByTestId('eval-message')).toHaveText('100 samples from eval.json, with labels.');
	const rows = await runRows(page);
	const ran = rows.filter((r) => r.status === 'ok');
	expect(ran.length).toBeGreaterThanOrEqual(2);
	expect(new Set(ran.map((r) => r.accuracy)).size, 'every engine classifies the same').toBe(1);
	expect(Number(ran[0].accuracy)).toBeGreaterThan(0.9);

	await page.getByTestId('eval-file').setInputFiles({ name: 'eval.json', mimeType: 'application/json', buffer: Buffer.from('{"inputs": [[1, 2, 3]]}') });
	await expect(page.getByTestId('eval-message')).toHaveText('Each sample in the data is [3], but the model takes [64].');
});

test('shipped models stay out of the precache, are cached when first used, and run offline', async ({ page, context }) => {
	test.setTimeout(180_000);
	await page.goto('/models');
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
		if (!navigator.serviceWorker.controller) await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
	});
	// The first visit fetched the list before the service worker took control; the next one goes through it.
	await page.reload();
	await page.getByRole('button', { name: `Choose ${manifest.models[0].title}` }).click();
	await expect(page.getByTestId('selected-model')).toBeVisible();
	// Once online, so onnxruntime-web and the kernels are cached too.
	await runRows(page);
	const cached = await page.evaluate(async () => {
		const out: Record<string, string[]> = {};
		for (const name of await caches.keys()) out[name] = (await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname).filter((p) => p.startsWith('/models/'));
		return out;
	});
	expect((cached['runtime-v1'] ?? []).sort()).toEqual(['/models/manifest.json', '/models/tiny-digits-eval.bin', '/models/tiny-digits-mlp.onnx']);
	for (const [name, paths] of Object.entries(cached)) if (name !== 'runtime-v1') expect(paths, name).toEqual([]);

	await context.setOffline(true);
	try {
		await page.reload();
		await page.getByRole('button', { name: `Choose ${manifest.models[0].title}` }).click();
		const rows = await runRows(page);
		expect(Math.abs(Number(byEngine(rows, 'ort-wasm').accuracy) - manifest.models[0].accuracy)).toBeLessThanOrEqual(0.005);
	} finally {
		await context.setOffline(false);
	}
});
