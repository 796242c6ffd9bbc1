import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { strToU8, zipSync } from 'fflate';
import { expect, test } from './fixtures';

// A server of its own, so this test can kill it mid-sync without disturbing the others.
const PORT = Number(process.env.E2E_PORT ?? 4173) + 50;
const origin = `http://localhost:${PORT}`;
const dataDir = mkdtempSync(join(tmpdir(), 'tito-restart-'));

async function startServer(): Promise<ChildProcess> {
	const child = spawn('node', ['server/index.js'], { env: { ...process.env, PORT: String(PORT), HOST: '127.0.0.1', DATA_DIR: dataDir }, stdio: 'ignore' });
	for (let i = 0; i < 100; i++) {
		if (await fetch(`${origin}/api/v1/health`).then((r) => r.ok).catch(() => false)) return child;
		await new Promise((r) => setTimeout(r, 200));
	}
	throw new Error('the server did not start');
}

test('the server killed mid-sync and restarted: nothing lost, nothing twice', async ({ page, request }) => {
	test.setTimeout(180_000);
	let server = await startServer();
	try {
		await page.goto(`${origin}/profile`);
		await page.getByRole('button', { name: 'Join' }).click();
		await page.goto(`${origin}/community`);
		await page.getByRole('button', { name: 'Review what would be sent…' }).click();
		await page.getByRole('button', { name: 'I agree: turn on sync' }).click();
		await expect(page.getByTestId('sync-last')).not.toHaveText('not yet');
		const me = await page.evaluate(async () => {
			const db = await new Promise<IDBDatabase>((resolve) => {
				const req = indexedDB.open('tito-web');
				req.onsuccess = () => resolve(req.result);
			});
			return new Promise<{ anonymous_id: string; token: string }>((resolve) => {
				const req = db.transaction('consent').objectStore('consent').get('sync');
				req.onsuccess = () => resolve(req.result);
			});
		});

		// A backup with 40 results, imported at once: the outbox starts sending them one by one.
		await page.goto(`${origin}/bench?suite=baseline&autostart=1&length=quick`);
		await expect(page.getByTestId('saved')).toBeVisible({ timeout: 90_000 });
		const template = await page.evaluate(async () => {
			const db = await new Promise<IDBDatabase>((resolve) => {
				const req = indexedDB.open('tito-web');
				req.onsuccess = () => resolve(req.result);
			});
			return new Promise<Record<string, unknown>>((resolve) => {
				const req = db.transaction('results').objectStore('results').getAll();
				req.onsuccess = () => resolve(req.result[0]);
			});
		});
		const results = Array.from({ length: 40 }, () => ({ ...template, id: randomUUID() }));
		const zip = zipSync(Object.fromEntries(results.map((r) => [`.tinytorch/tito-web/results/${r.id}.json`, strToU8(JSON.stringify(r))])));
		let posted = 0;
		// Killed while the fifth upload is in flight. (Requests under a service worker are reported on the context.)
		page.context().on('request', (r) => {
			if (r.url().endsWith('/results') && ++posted === 5) server.kill('SIGKILL');
		});
		await page.goto(`${origin}/profile`);
		await page.getByTestId('import-file').setInputFiles({ name: 'backup.zip', mimeType: 'application/zip', buffer: Buffer.from(zip) });
		await page.getByRole('button', { name: 'Import', exact: true }).click();
		await expect(page.getByTestId('import-message')).toContainText('Imported');
		await expect.poll(() => server.exitCode !== null || server.signalCode !== null).toBe(true);

		server = await startServer();
		await page.goto(`${origin}/community`);
		await page.getByRole('button', { name: 'Sync now' }).click();
		const serverIds = async (): Promise<string[]> => {
			const own = await (await request.get(`${origin}/api/v1/devices/${me.anonymous_id}`, { headers: { authorization: `Bearer ${me.token}` } })).json();
			return own.results.map((r: { id: string }) => r.id);
		};
		await expect.poll(async () => (await serverIds()).length, { timeout: 60_000 }).toBe(41);
		await expect(page.getByTestId('sync-pending')).toHaveText('0');
		const ids = await serverIds();
		expect(ids).toHaveLength(41);
		expect(new Set(ids).size).toBe(41);
		for (const r of results) expect(ids).toContain(r.id);
	} finally {
		server.kill('SIGKILL');
	}
});
