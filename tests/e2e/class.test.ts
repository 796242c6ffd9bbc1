import { readFileSync } from 'node:fs';
import { chromium, type Browser, type Page } from '@playwright/test';
import { expect, test } from './fixtures';

const flags = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

test('an instructor and three students (one without WebGPU): join, run, remove, lock, CSV, reconnect', async ({ page: projector, browser, baseURL }, info) => {
	test.skip(info.project.name !== 'webgpu', 'this test mixes a WebGPU and a WebAssembly-only browser itself');
	test.setTimeout(300_000);
	await projector.goto('/class');
	await projector.getByLabel('Title (optional)').fill('Systems week 3');
	await projector.getByRole('button', { name: 'Start a class run' }).click();
	await expect(projector).toHaveURL(/\/class\/[A-Z0-9]{6}\/live$/);
	const code = projector.url().split('/').at(-2)!;
	await expect(projector.getByTestId('join-code')).toContainText(code.slice(0, 3));
	await expect(projector.locator('.qr svg')).toBeVisible();

	const wasmOnly: Browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: flags });
	try {
		const contexts = [await browser.newContext({ baseURL }), await browser.newContext({ baseURL }), await wasmOnly.newContext({ baseURL })];
		const students: Page[] = [];
		for (const [i, ctx] of contexts.entries()) {
			const s = await ctx.newPage();
			await s.goto(`/join/${code.toLowerCase()}?length=quick`);
			await expect(s.getByText('Joining shares with this class only')).toBeVisible();
			await s.getByLabel('Your nickname').fill(`Student ${i + 1}`);
			await s.getByRole('button', { name: 'Join the class' }).click();
			await expect(s.getByTestId('my-nickname')).toHaveText(`Student ${i + 1}`);
			students.push(s);
		}
		await expect(projector.getByTestId('count-joined')).toHaveText('3');

		await projector.getByText('Instructor controls').click();
		await projector.getByRole('button', { name: 'Everyone: run now' }).click();
		for (const s of students) await expect(s.getByTestId('my-score')).toBeVisible({ timeout: 150_000 });
		await expect(projector.getByTestId('count-done')).toHaveText('3');
		await expect(projector.getByTestId('adapters')).toContainText('swiftshader (software): 2');
		await expect(projector.getByTestId('no-webgpu')).toContainText('1: ');
		await expect(projector.getByTestId('failures')).toContainText('None');
		await expect(projector.getByTestId('top')).toHaveCount(0);

		// A dropped projector connection catches up from where it was (Last-Event-ID).
		await projector.context().setOffline(true);
		await students[0].getByRole('button', { name: 'Change nickname' }).click();
		await students[0].getByLabel('New nickname').fill('Renamed');
		await students[0].getByRole('button', { name: 'Save' }).click();
		await expect(students[0].getByTestId('my-nickname')).toHaveText('Renamed');
		await projector.context().setOffline(false);
		await expect(projector.getByTestId('participants')).toContainText('Renamed', { timeout: 20_000 });

		await projector.getByRole('button', { name: 'Remove Student 2' }).click();
		await expect(projector.getByTestId('count-joined')).toHaveText('2');
		await expect(students[1].getByTestId('removed')).toBeVisible();

		await projector.getByRole('button', { name: 'Close joining' }).click();
		const late = await (await browser.newContext({ baseURL })).newPage();
		await late.goto(`/join/${code}`);
		await expect(late.getByTestId('class-locked')).toBeVisible();

		const download = projector.waitForEvent('download');
		await projector.getByRole('button', { name: 'Download CSV' }).click();
		const csv = readFileSync(await (await download).path(), 'utf8').trim().split('\r\n');
		expect(csv).toHaveLength(4);
		expect(csv[0]).toMatch(/^nickname,joined_at,status,removed,adapter/);
		expect(csv.filter((l) => l.includes(',done,'))).toHaveLength(3);
		expect(csv.some((l) => l.startsWith('Student 2,') && l.includes(',true,'))).toBe(true);

		await projector.reload();
		await expect(projector.getByTestId('count-done')).toHaveText('2');
	} finally {
		await wasmOnly.close();
	}
});
