import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures';

const PORT = Number(process.env.E2E_PORT ?? 4173) + 51;
const origin = `http://127.0.0.1:${PORT}`;

test('SIGTERM ends open event streams, lets writes finish and exits promptly', async ({}, info) => {
	test.skip(info.project.name !== 'wasm-only', 'no browser involved: once is enough');
	const child = spawn('node', ['server/index.js'], { env: { ...process.env, PORT: String(PORT), HOST: '127.0.0.1', DATA_DIR: mkdtempSync(join(tmpdir(), 'tito-stop-')) }, stdio: 'ignore' });
	const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
	for (let i = 0; i < 100 && !(await fetch(`${origin}/api/v1/health`).then((r) => r.ok).catch(() => false)); i++) await new Promise((r) => setTimeout(r, 200));
	const run = await (await fetch(`${origin}/api/v1/classes`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).json();
	const stream = await fetch(`${origin}/api/v1/classes/${run.code}/events`, { headers: { authorization: `Bearer ${run.admin_token}` } });
	const reader = stream.body!.getReader();
	await reader.read();
	const t0 = Date.now();
	child.kill('SIGTERM');
	// The stream ends (a clean end, which tells the client to reconnect) …
	for (;;) if ((await reader.read()).done) break;
	// … and the process is gone long before the 10 s fallback, with the data dir unlocked.
	expect(await exited).toBe(0);
	expect(Date.now() - t0).toBeLessThan(5000);
});
