import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures';
// Plain JavaScript, shared with npm run bench.
import { baselineResult } from '../../scripts/bench/fixtures.mjs';

// The hot write routes are served by src/lib/server/fast-path.ts, not by SvelteKit. The same
// requests, good and bad, must get the same answers from both: one server with the fast path
// and one with FAST_PATH=off, each on a database of its own.
const BASE = Number(process.env.E2E_PORT ?? 4173) + 52;

async function start(port: number, fast: boolean): Promise<ChildProcess> {
	const env = { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: mkdtempSync(join(tmpdir(), 'tito-fast-')), FAST_PATH: fast ? 'on' : 'off' };
	const child = spawn('node', ['server/index.js'], { env, stdio: 'ignore' });
	for (let i = 0; i < 150; i++) {
		if (await fetch(`http://127.0.0.1:${port}/api/v1/health`).then((r) => r.ok).catch(() => false)) return child;
		await new Promise((r) => setTimeout(r, 200));
	}
	throw new Error('the server did not start');
}

interface Probe {
	name: string;
	method: string;
	path: string;
	headers?: Record<string, string>;
	body?: string | (() => ReadableStream<Uint8Array>);
}

async function answer(port: number, p: Probe) {
	const body = typeof p.body === 'function' ? p.body() : p.body;
	const res = await fetch(`http://127.0.0.1:${port}${p.path}`, { method: p.method, headers: p.headers, body, ...(typeof p.body === 'function' ? { duplex: 'half' } : {}) } as RequestInit);
	const text = await res.text();
	let json: { error?: { code?: string } } | null = null;
	try {
		json = JSON.parse(text);
	} catch {
		json = null;
	}
	return {
		status: res.status,
		// Error answers are compared by code; other bodies whole.
		body: json?.error ? { code: json.error.code } : json,
		type: res.headers.get('content-type'),
		nosniff: res.headers.get('x-content-type-options'),
		coop: res.headers.get('cross-origin-opener-policy')
	};
}

test('the fast path answers exactly as SvelteKit does, for good requests and bad', async ({}, info) => {
	test.skip(info.project.name !== 'wasm-only', 'no browser involved: once is enough');
	test.setTimeout(120_000);
	const servers = await Promise.all([start(BASE, true), start(BASE + 1, false)]);
	try {
		const id = randomUUID();
		const token = randomBytes(32).toString('base64url');
		const consent = { version: 'sync-1', agreed_at: '2026-12-01T10:00:00.000Z' };
		const json = { 'content-type': 'application/json' };
		const auth = { ...json, authorization: `Bearer ${token}` };
		const result = baselineResult(new Date('2026-12-01T10:00:00.000Z'));
		const big = JSON.stringify({ ...result, notes: ['x'.repeat(300 * 1024)] });
		const chunked = () =>
			new ReadableStream<Uint8Array>({
				start(c) {
					for (let i = 0; i < 40; i++) c.enqueue(new TextEncoder().encode('x'.repeat(10 * 1024)));
					c.close();
				}
			});
		const results = `/api/v1/devices/${id}/results`;
		const probes: Probe[] = [
			{ name: 'register', method: 'POST', path: '/api/v1/devices', headers: json, body: JSON.stringify({ anonymous_id: id, token, consent }) },
			{ name: 'register again', method: 'POST', path: '/api/v1/devices', headers: json, body: JSON.stringify({ anonymous_id: id, token, consent }) },
			{ name: 'register, other token', method: 'POST', path: '/api/v1/devices', headers: json, body: JSON.stringify({ anonymous_id: id, token: randomBytes(32).toString('base64url'), consent }) },
			{ name: 'register, truncated JSON', method: 'POST', path: '/api/v1/devices', headers: json, body: '{"anonymous_id": "' },
			// SvelteKit's CSRF check answers first: the fast path takes JSON only.
			{ name: 'register, form', method: 'POST', path: '/api/v1/devices', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=1' },
			{ name: 'result, no token', method: 'POST', path: results, headers: json, body: JSON.stringify(result) },
			{ name: 'result, wrong token', method: 'POST', path: results, headers: { ...json, authorization: `Bearer ${randomBytes(32).toString('base64url')}` }, body: JSON.stringify(result) },
			{ name: 'result, bad id', method: 'POST', path: '/api/v1/devices/not-a-uuid/results', headers: auth, body: JSON.stringify(result) },
			{ name: 'result, undecodable id', method: 'POST', path: '/api/v1/devices/%zz/results', headers: auth, body: JSON.stringify(result) },
			{ name: 'result', method: 'POST', path: results, headers: auth, body: JSON.stringify(result) },
			{ name: 'result again', method: 'POST', path: results, headers: auth, body: JSON.stringify(result) },
			{ name: 'result, same id, other payload', method: 'POST', path: results, headers: auth, body: JSON.stringify({ ...result, notes: ['other'] }) },
			{ name: 'result, invalid', method: 'POST', path: results, headers: auth, body: JSON.stringify({ ...result, id: randomUUID(), suite: 'nope' }) },
			{ name: 'result, NUL', method: 'POST', path: results, headers: auth, body: JSON.stringify({ ...result, id: randomUUID(), notes: ['a\u0000b'] }) },
			{ name: 'result, too large', method: 'POST', path: results, headers: auth, body: big },
			{ name: 'result, too large and chunked', method: 'POST', path: results, headers: auth, body: chunked },
			{ name: 'result, trailing slash', method: 'POST', path: `${results}/`, headers: auth, body: JSON.stringify(result) },
			{ name: 'result, GET', method: 'GET', path: results, headers: auth },
			{ name: 'submission, invalid', method: 'POST', path: `/api/v1/devices/${id}/submissions`, headers: auth, body: '{"schema": 1}' },
			{ name: 'profile, empty body', method: 'PUT', path: `/api/v1/devices/${id}/profile`, headers: auth, body: '' },
			{ name: 'class join, no such class', method: 'POST', path: '/api/v1/classes/ZZZZZZ/participants', headers: json, body: '{}' },
			{ name: 'class result, no such class', method: 'POST', path: '/api/v1/classes/ZZZZZZ/participants/x/result', headers: json, body: '{}' }
		];
		const seen: Record<string, unknown>[] = [];
		for (const p of probes) {
			const fast = await answer(BASE, p);
			const kit = await answer(BASE + 1, p).catch((err) => ({ reset: err.cause?.code }));
			// A body that grows past the cap while it streams: SvelteKit drops the connection
			// mid-upload; the fast path drains it and answers 413 with a sentence.
			if (p.name === 'result, too large and chunked' && 'reset' in kit) expect(kit.reset).toBe('ECONNRESET');
			else expect(fast, p.name).toEqual(kit);
			seen.push({ name: p.name, status: fast.status });
		}
		// The chunked probe's 413 is also the proof that the fast path served the first server at all.
		// And the probes cover what they claim: new, duplicate, conflict, and each kind of refusal.
		expect(seen.map((s) => s.status)).toEqual([201, 200, 403, 400, 403, 401, 403, 404, 400, 201, 200, 409, 422, 422, 413, 413, 200, 405, 422, 400, 404, 422]);
	} finally {
		for (const s of servers) s.kill('SIGKILL');
	}
});
