import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/** Everything in the app's IndexedDB, store by store, read straight from the browser. */
async function idbDump(page: Page): Promise<Record<string, unknown[]>> {
	return page.evaluate(async () => {
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const req = indexedDB.open('tito-web');
			req.onsuccess = () => resolve(req.result);
			req.onerror = () => reject(req.error);
		});
		const out: Record<string, unknown[]> = {};
		for (const name of [...db.objectStoreNames]) {
			out[name] = await new Promise((resolve) => {
				const req = db.transaction(name).objectStore(name).getAll();
				req.onsuccess = () => resolve(req.result);
			});
		}
		db.close();
		return out;
	});
}

async function join(page: Page, cohort = 'Fall 2026') {
	await page.goto('/profile');
	await page.getByLabel('Country').selectOption('Kenya');
	await page.getByLabel('Cohort').fill(cohort);
	await page.getByRole('button', { name: 'Join' }).click();
	await expect(page.getByTestId('profile')).toBeVisible();
}

test('join, reload: the profile persists; progress and level are kept', async ({ page }) => {
	await join(page);
	const id = await page.getByTestId('anonymous-id').textContent();
	expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
	await page.getByLabel('01 Tensor').check();
	await page.getByLabel('02 Activations').check();
	await page.getByLabel('Perceptron (1957)').check();
	await page.getByLabel('Best accuracy you reached').fill('47.5');
	await page.getByRole('button', { name: 'Save progress' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Saved: 2 of 20 modules' })).toBeVisible();

	await page.reload();
	await expect(page.getByTestId('anonymous-id')).toHaveText(id!);
	await expect(page.getByTestId('profile-country')).toHaveText('Kenya');
	await expect(page.getByTestId('profile-cohort')).toHaveText('Fall 2026');
	await expect(page.getByLabel('01 Tensor')).toBeChecked();
	await expect(page.getByTestId('level-next')).toContainText('Progressing');
	await expect(page.getByTestId('level-next')).toContainText('12.5 points to go');
	await expect(page.getByTestId('weekly-summary')).toContainText('This week: 1 of 3 days');
	const json = JSON.parse((await page.getByTestId('profile-json').textContent())!);
	expect(json).toMatchObject({ anonymous_id: id, location: { country: 'Kenya' }, progress: { modules_completed: 2, milestones_passed: 1 } });

	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Community' }).click();
	await expect(page.getByTestId('stat-modules')).toHaveText('2 of 20');
	await expect(page.getByTestId('stat-level')).toContainText('Progressing');
});

test('joining works offline', async ({ page, context }) => {
	await page.goto('/');
	await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
	await context.setOffline(true);
	try {
		await page.goto('/profile');
		await page.getByLabel('Cohort').fill('Offline cohort');
		await page.getByRole('button', { name: 'Join' }).click();
		await expect(page.getByTestId('profile-cohort')).toHaveText('Offline cohort');
		await page.reload();
		await expect(page.getByTestId('profile-cohort')).toHaveText('Offline cohort');
	} finally {
		await context.setOffline(false);
	}
});

test('export .tinytorch -> leave (all gone) -> import: profile and submissions come back', async ({ page }, info) => {
	await join(page, 'Round trip');
	const id = await page.getByTestId('anonymous-id').textContent();
	// A saved submission, as the baseline's "save to my profile" writes it, so the round trip carries one.
	await page.evaluate(async () => {
		const db = await new Promise<IDBDatabase>((resolve) => {
			const req = indexedDB.open('tito-web');
			req.onsuccess = () => resolve(req.result);
		});
		const tx = db.transaction('submissions', 'readwrite');
		tx.objectStore('submissions').put({
			schema: 'tito-web/submission@1',
			id: 'b3d1c1a0-0000-4000-8000-000000000001',
			created_at: '2026-11-30T10:00:00.000Z',
			result_id: null,
			file: { benchmark_type: 'baseline', timestamp: '2026-11-30T10:00:00.000Z', metrics: { score: 64 }, include_system_info: false, anonymous: true }
		});
		await new Promise((r) => (tx.oncomplete = r));
		db.close();
	});
	await page.reload();

	const download = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Export .tinytorch (zip)' }).click();
	const zipPath = info.outputPath('tinytorch.zip');
	await (await download).saveAs(zipPath);

	await page.getByRole('button', { name: 'Leave and delete everything…' }).click();
	await page.getByRole('button', { name: 'Yes, delete everything' }).click();
	await expect(page.getByTestId('erased')).toBeVisible();
	await expect(page.getByRole('button', { name: 'Join' })).toBeVisible();
	const after = await idbDump(page);
	for (const [store, rows] of Object.entries(after)) expect(rows, `${store} after leave`).toEqual([]);

	await page.getByTestId('import-file').setInputFiles(zipPath);
	await expect(page.getByTestId('import-preview')).toContainText('This will add your profile, add 1 submission');
	await page.getByRole('button', { name: 'Import', exact: true }).click();
	await expect(page.getByTestId('import-message')).toContainText('Imported');
	await expect(page.getByTestId('anonymous-id')).toHaveText(id!);
	await expect(page.getByTestId('profile-cohort')).toHaveText('Round trip');
	const back = await idbDump(page);
	expect(back.submissions).toHaveLength(1);
	expect(back.submissions[0]).toMatchObject({ id: 'b3d1c1a0-0000-4000-8000-000000000001', file: { metrics: { score: 64 } } });
	expect(readFileSync(zipPath).subarray(0, 2).toString()).toBe('PK');
});

test('a corrupt zip shows the message and changes nothing', async ({ page }) => {
	await join(page, 'Keep me');
	const before = await idbDump(page);
	await page.getByTestId('import-file').setInputFiles({ name: 'broken.zip', mimeType: 'application/zip', buffer: Buffer.from('PK\u0003\u0004 this is not really a zip') });
	await expect(page.getByTestId('import-message')).toContainText('not a readable zip file');
	await expect(page.getByTestId('import-message')).toContainText('Nothing was changed');
	await expect(page.getByTestId('import-preview')).toHaveCount(0);
	expect(await idbDump(page)).toEqual(before);
	await expect(page.getByTestId('profile-cohort')).toHaveText('Keep me');
});

test('unreadable records are kept aside and reported, never dropped', async ({ page }) => {
	await page.goto('/profile');
	await expect(page.getByRole('button', { name: 'Join' })).toBeVisible();
	await page.evaluate(async () => {
		const db = await new Promise<IDBDatabase>((resolve) => {
			const req = indexedDB.open('tito-web');
			req.onsuccess = () => resolve(req.result);
		});
		const tx = db.transaction(['results', 'submissions'], 'readwrite');
		tx.objectStore('results').put({ id: 'damaged-1', started_at: 'yesterday' });
		tx.objectStore('submissions').put({ id: 'damaged-2', created_at: 'x' });
		await new Promise((r) => (tx.oncomplete = r));
		db.close();
	});
	await page.reload();
	await expect(page.getByTestId('quarantine-notice')).toContainText('2 records could not be read');
	const dump = await idbDump(page);
	expect(dump.quarantine.map((q) => (q as { key: string }).key).sort()).toEqual(['damaged-1', 'damaged-2']);
	const download = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Download them' }).click();
	const text = readFileSync(await (await download).path(), 'utf8');
	expect(JSON.parse(text)).toHaveLength(2);
});

test('with no IndexedDB the app still benchmarks and says nothing can be saved', async ({ page }) => {
	await page.addInitScript(() => Object.defineProperty(window, 'indexedDB', { value: undefined }));
	await page.goto('/profile');
	await expect(page.getByTestId('storage-unavailable')).toContainText('does not let Tito Web save anything');
	await page.goto('/bench?suite=baseline&autostart=1&length=quick');
	await expect(page.getByTestId('result')).toBeVisible({ timeout: 90_000 });
	await expect(page.getByTestId('not-saved')).toContainText('does not let Tito Web save anything');
});
