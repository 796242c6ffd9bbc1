import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { strToU8, zipSync } from 'fflate';
import type { Page, Request } from '@playwright/test';
import { expect, test } from './fixtures';

async function syncState(page: Page): Promise<{ anonymous_id: string; token: string } | null> {
	return page.evaluate(async () => {
		const db = await new Promise<IDBDatabase>((resolve) => {
			const req = indexedDB.open('tito-web');
			req.onsuccess = () => resolve(req.result);
		});
		const value = await new Promise<unknown>((resolve) => {
			const req = db.transaction('consent').objectStore('consent').get('sync');
			req.onsuccess = () => resolve(req.result ?? null);
		});
		db.close();
		return value as { anonymous_id: string; token: string } | null;
	});
}

test('nothing reaches the API before opt-in; after it, everything does, exactly once; leave deletes it all', async ({ page, context, request }) => {
	test.setTimeout(240_000);
	const api: string[] = [];
	page.on('request', (r: Request) => {
		const path = new URL(r.url()).pathname;
		if (path.startsWith('/api/v1/')) api.push(`${r.method()} ${path}`);
	});

	// A full baseline run and a profile edit, before opting in.
	await page.goto('/profile');
	await page.getByLabel('Cohort').fill('Sync e2e');
	await page.getByRole('button', { name: 'Join' }).click();
	await page.getByLabel('01 Tensor').check();
	await page.getByRole('button', { name: 'Save progress' }).click();
	await page.goto('/bench?suite=baseline&autostart=1&length=quick');
	await expect(page.getByTestId('saved')).toBeVisible({ timeout: 90_000 });
	const download = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Export JSON' }).click();
	const exported = JSON.parse(readFileSync(await (await download).path(), 'utf8'));
	await page.goto('/community');
	await expect(page.getByTestId('sync-panel')).toContainText('Sync is off');
	expect(api).toEqual([]);

	// Opt in: the consent lists what is sent.
	await page.getByRole('button', { name: 'Review what would be sent…' }).click();
	await expect(page.getByTestId('consent')).toContainText('cohort: Sync e2e');
	await expect(page.getByTestId('consent')).toContainText('your benchmark results (1 now');
	await page.getByRole('button', { name: 'I agree: turn on sync' }).click();
	await expect(page.getByTestId('sync-last')).not.toHaveText('not yet');
	await expect(page.getByTestId('sync-pending')).toHaveText('0');
	const me = (await syncState(page))!;
	const own = async () => request.get(`/api/v1/devices/${me.anonymous_id}`, { headers: { authorization: `Bearer ${me.token}` } });
	const first = await (await own()).json();
	expect(first.profile.context.cohort).toBe('Sync e2e');
	expect(first.results.map((r: { id: string }) => r.id)).toEqual([exported.id]);

	// Offline: 20 more results arrive (imported from a backup), then the network comes back.
	await context.setOffline(true);
	const shift = (iso: string, i: number) => new Date(Date.parse(iso) + (i + 1) * 60_000).toISOString();
	const results = Array.from({ length: 20 }, (_, i) => ({ ...exported, id: randomUUID(), started_at: shift(exported.started_at, i), finished_at: shift(exported.finished_at, i) }));
	const zip = zipSync(Object.fromEntries(results.map((r) => [`.tinytorch/tito-web/results/${r.id}.json`, strToU8(JSON.stringify(r))])));
	await page.goto('/profile');
	await page.getByTestId('import-file').setInputFiles({ name: 'backup.zip', mimeType: 'application/zip', buffer: Buffer.from(zip) });
	await expect(page.getByTestId('import-preview')).toContainText('add 20 results');
	await page.getByRole('button', { name: 'Import', exact: true }).click();
	await expect(page.getByTestId('import-message')).toContainText('Imported');
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Community' }).click();
	await expect(page.getByTestId('sync-pending')).toHaveText('20');
	await context.setOffline(false);
	await expect(page.getByTestId('sync-pending')).toHaveText('0', { timeout: 60_000 });
	const after = await (await own()).json();
	expect(after.results).toHaveLength(21);
	expect(new Set(after.results.map((r: { id: string }) => r.id)).size).toBe(21);
	await expect(page.getByTestId('quarantine-notice')).toHaveCount(0);

	// Leave: every server row goes.
	await page.goto('/profile');
	await page.getByRole('button', { name: 'Leave and delete everything…' }).click();
	await page.getByRole('button', { name: 'Yes, delete everything' }).click();
	await expect(page.getByTestId('erased')).toBeVisible();
	await expect.poll(async () => (await own()).status(), { timeout: 30_000 }).toBe(410);
	expect(await syncState(page)).toBeNull();
});
