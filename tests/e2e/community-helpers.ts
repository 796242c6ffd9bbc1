import type { Browser, Page } from '@playwright/test';
import { expect } from './fixtures';

/** A student in a browser of their own, with every request to the API written down. */
export interface Student {
	page: Page;
	/** "METHOD /path" of every /api/v1 request so far. */
	api: string[];
}

export async function newStudent(browser: Browser, baseURL: string): Promise<Student> {
	const page = await (await browser.newContext({ baseURL })).newPage();
	const api: string[] = [];
	page.on('request', (r) => {
		const path = new URL(r.url()).pathname;
		if (path.startsWith('/api/v1/')) api.push(`${r.method()} ${path}`);
	});
	await page.goto('/profile');
	await page.getByRole('button', { name: 'Join' }).click();
	await expect(page.getByTestId('anonymous-id')).toBeVisible();
	return { page, api };
}

export async function turnOnSync(page: Page) {
	await page.goto('/community');
	await page.getByRole('button', { name: 'Review what would be sent…' }).click();
	await page.getByRole('button', { name: 'I agree: turn on sync' }).click();
	await expect(page.getByTestId('sync-last')).not.toHaveText('not yet');
	await expect(page.getByTestId('sync-pending')).toHaveText('0');
}

export async function joinCohort(page: Page, code: string) {
	await page.goto('/community/cohort');
	await page.getByLabel('Cohort code').fill(code);
	await page.getByRole('button', { name: 'Join cohort' }).click();
	await expect(page.getByTestId('cohort-view')).toBeVisible();
}

/** The organiser creates a cohort on their page; returns its code. */
export async function createCohort(page: Page, title: string): Promise<string> {
	await page.goto('/cohorts');
	await page.getByLabel('Name').fill(title);
	await page.getByRole('button', { name: 'Create cohort' }).click();
	await expect(page).toHaveURL(/\/cohorts\/[A-Z0-9]{6}$/);
	await expect(page.getByTestId('cohort-weeks')).toBeVisible();
	return page.url().split('/').at(-1)!;
}

/** What this browser keeps in its consent store under `key` ('sync' or 'partners'). */
export async function consentRecord(page: Page, key: string): Promise<{ anonymous_id: string; token: string } | null> {
	return page.evaluate(async (k) => {
		const db = await new Promise<IDBDatabase>((resolve) => {
			const req = indexedDB.open('tito-web');
			req.onsuccess = () => resolve(req.result);
		});
		const value = await new Promise<unknown>((resolve) => {
			const req = db.transaction('consent').objectStore('consent').get(k);
			req.onsuccess = () => resolve(req.result ?? null);
		});
		db.close();
		return value as { anonymous_id: string; token: string } | null;
	}, key);
}
