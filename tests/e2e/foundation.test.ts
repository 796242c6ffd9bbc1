import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures';

const pages = ['/', '/bench', '/bench/history', '/bench/selftest', '/models', '/profile', '/community', '/class'];

test('the adapter card reports this browser honestly', async ({ page }, info) => {
	await page.goto('/');
	const card = page.getByTestId('adapter-card');
	await expect(card).toBeVisible();
	await expect(page.getByTestId('isolated')).toHaveText('yes');
	await expect(page.getByTestId('wasm-simd')).toHaveText('yes');
	await expect(page.getByTestId('wasm-threads')).toHaveText('yes');
	await expect(page.getByTestId('wasm-relaxed-simd')).toHaveText('yes');
	expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
	if (info.project.name === 'webgpu') {
		await expect(page.getByTestId('webgpu-status')).toContainText('WebGPU is available');
		await expect(page.getByTestId('gpu-architecture')).toHaveText(/swiftshader/i);
		await expect(page.getByTestId('software-label')).toContainText('Software renderer, not your GPU');
	} else {
		await expect(page.getByTestId('webgpu-status')).toContainText('WebGPU is not available');
		await expect(page.getByTestId('webgpu-reason')).toContainText('requestAdapter() returned null');
	}
});

test('copy as JSON puts the full report on the clipboard', async ({ page, context }) => {
	await context.grantPermissions(['clipboard-read', 'clipboard-write']);
	await page.goto('/');
	await page.getByRole('button', { name: 'Copy as JSON' }).click();
	await expect(page.getByRole('button', { name: 'Copied' })).toBeVisible();
	const copied = JSON.parse(await page.evaluate(() => navigator.clipboard.readText()));
	expect(copied.schema).toBe('tito-web/compute@1');
	expect(copied.crossOriginIsolated).toBe(true);
});

test('every page has a heading, navigation and no serious accessibility violations', async ({ page }) => {
	for (const path of pages) {
		await page.goto(path);
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
		if (path === '/') await expect(page.getByTestId('adapter-card')).toBeVisible();
		const { violations } = await new AxeBuilder({ page }).analyze();
		const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
		expect(serious.map((v) => `${path}: ${v.id} ${v.help}`)).toEqual([]);
	}
});

test('the keyboard reaches the navigation', async ({ page }) => {
	await page.goto('/');
	await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
	await page.keyboard.press('Tab');
	await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
	await page.keyboard.press('Tab');
	await page.keyboard.press('Tab');
	await page.keyboard.press('Tab');
	await expect(page.getByRole('link', { name: 'Benchmarks' })).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(/\/bench$/);
	await expect(page.getByRole('heading', { level: 1, name: 'Benchmarks' })).toBeVisible();
});

test('security and isolation headers are on pages, API and static files', async ({ request }) => {
	for (const path of ['/', '/api/v1/health', '/manifest.webmanifest', '/icons/icon-192.png']) {
		const res = await request.get(path);
		expect(res.ok(), path).toBe(true);
		const h = res.headers();
		expect(h['cross-origin-opener-policy'], path).toBe('same-origin');
		expect(h['cross-origin-embedder-policy'], path).toBe('require-corp');
		expect(h['x-content-type-options'], path).toBe('nosniff');
		expect(h['referrer-policy'], path).toBe('no-referrer');
		expect(h['content-security-policy'], path).toContain("default-src 'self'");
		expect(h['content-security-policy'], path).toContain("'wasm-unsafe-eval'");
	}
});

test('health reports the embedded database and its migrations', async ({ request }) => {
	const body = await (await request.get('/api/v1/health')).json();
	expect(body).toMatchObject({ ok: true, db: 'pglite' });
	expect(body.migrations).toBeGreaterThanOrEqual(1);
	expect(typeof body.version).toBe('string');
});

test('after one online visit the app loads and works offline', async ({ page, context }) => {
	await page.goto('/');
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
	});
	await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
	await context.setOffline(true);
	try {
		await page.reload();
		await expect(page.getByTestId('adapter-card')).toBeVisible();
		await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Profile' }).click();
		await expect(page.getByRole('heading', { level: 1, name: 'Profile' })).toBeVisible();
		await page.goto('/community');
		await expect(page.getByRole('heading', { level: 1, name: 'Community' })).toBeVisible();
	} finally {
		await context.setOffline(false);
	}
});

test('the app is installable: manifest with icons', async ({ request }) => {
	const manifest = await (await request.get('/manifest.webmanifest')).json();
	expect(manifest.display).toBe('standalone');
	const sizes = manifest.icons.map((i: { sizes: string }) => i.sizes);
	expect(sizes).toEqual(expect.arrayContaining(['192x192', '512x512']));
	for (const icon of manifest.icons) expect((await request.get(icon.src)).ok()).toBe(true);
});
