import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { profileSchema } from '$lib/schemas/profile';
import type { Db } from '$lib/server/db';
import { communityApi, type CommunityApi } from '$lib/server/community/api';
import { closeDatabase } from '$lib/storage/connection';
import { eraseEverything } from '$lib/storage/erase';
import { listQuarantine } from '$lib/storage/quarantine';
import { listOutbox, loadSyncState } from '$lib/storage/sync';
import { flushOutbox } from '$lib/sync/flush';
import { backoffMs } from '$lib/sync/outbox';
import { sync } from '$lib/sync/sync.svelte';
import { testDatabases } from './helpers/databases';
import { baselineRows, result } from './helpers/fixtures';

const generous = { ip: { burst: 1e6, perMinute: 1e6 }, device: { burst: 1e6, perMinute: 1e6 } };

describe('backoff', () => {
	it('doubles from 2 s with jitter in the upper half, capped at 30 min', () => {
		expect(backoffMs(1, () => 1)).toBe(2000);
		expect(backoffMs(1, () => 0)).toBe(1000);
		expect(backoffMs(4, () => 1)).toBe(16_000);
		expect(backoffMs(40, () => 1)).toBe(30 * 60_000);
	});
});

describe.each(testDatabases)('outbox sync against the real API on $name', (target) => {
	let db: Db;
	let api: CommunityApi;
	let cleanup: () => Promise<void>;
	let online = true;
	/** When set, the server handles the request but the answer is lost on the way back. */
	let loseAnswers = false;
	let requests = 0;

	// Routes fetch() to the API handlers, as the app's own server would.
	const fetchFn = (async (url: string, init: RequestInit = {}) => {
		if (!online) throw new TypeError('Failed to fetch');
		requests++;
		const path = new URL(url, 'http://localhost').pathname;
		const request = new Request(`http://localhost${path}`, init);
		const m = /^\/api\/v1\/devices(?:\/([^/]+))?(?:\/(profile|results|submissions))?$/.exec(path)!;
		const [, id, sub] = m;
		const handler = !id ? api.register : sub === 'profile' ? api.putProfile : sub === 'results' ? api.postResult : sub === 'submissions' ? api.postSubmission : init.method === 'DELETE' ? api.deleteOwn : api.getOwn;
		const res = await handler({ request, ip: '127.0.0.1', params: id ? { id } : {} });
		if (loseAnswers) throw new TypeError('connection reset');
		return res;
	}) as typeof fetch;
	beforeAll(async () => {
		// The sync store sends through the global fetch; each database's block routes it to its own API.
		globalThis.fetch = fetchFn;
		const opened = await target.open();
		db = opened.db;
		cleanup = opened.cleanup;
		api = communityApi(db, { rules: generous });
	});
	afterAll(() => cleanup());
	beforeEach(() => {
		globalThis.indexedDB = new IDBFactory();
		online = true;
		loseAnswers = false;
		requests = 0;
	});
	afterEach(() => closeDatabase());

	const profile = () => profileSchema.parse({ anonymous_id: randomUUID(), joined_at: '2026-11-20T10:00:00.000Z', context: { cohort: 'Sync' } });
	const count = async (table: string, id: string) => (await db.query(`select 1 from ${table} where anonymous_id = $1`, [id])).length;

	it('sends nothing before opt-in', async () => {
		await sync.start();
		await sync.changed('result', result(baselineRows(), { id: randomUUID() }));
		expect(await listOutbox()).toEqual([]);
		expect(requests).toBe(0);
	});

	it('opt-in registers and sends the profile and what is already here', async () => {
		const p = profile();
		await sync.start();
		await sync.optIn(p, [result(baselineRows(), { id: randomUUID() })], []);
		expect(await count('devices', p.anonymous_id)).toBe(1);
		expect(await count('profiles', p.anonymous_id)).toBe(1);
		expect(await count('results', p.anonymous_id)).toBe(1);
		expect(await listOutbox()).toEqual([]);
		expect((await loadSyncState())?.last_sync_at).not.toBeNull();
	});

	it('a week offline, 20 results, then online: each arrives exactly once, in order, even when answers are lost', async () => {
		const p = profile();
		await sync.start();
		await sync.optIn(p, [], []);
		online = false;
		for (let i = 0; i < 20; i++) await sync.changed('result', result(baselineRows(), { id: randomUUID() }));
		await new Promise((r) => setTimeout(r, 10));
		expect(await listOutbox()).toHaveLength(20);
		const [first] = await listOutbox();
		expect(first.attempts).toBeGreaterThan(0);
		expect(first.next_attempt_at).toBeGreaterThan(Date.now());

		online = true;
		const later = () => Date.now() + 7 * 24 * 3600_000;
		// Half the answers are lost on the way back: the server got them, the client retries.
		loseAnswers = true;
		await flushOutbox('', fetchFn, later);
		loseAnswers = false;
		let report = await flushOutbox('', fetchFn, later);
		for (let i = 0; i < 5 && report.pending; i++) report = await flushOutbox('', fetchFn, () => later() + 3600_000 * (i + 1));
		expect(await listOutbox()).toEqual([]);
		expect(await count('results', p.anonymous_id)).toBe(20);
	});

	it('an op the server refuses for good is set aside and the rest go on', async () => {
		const p = profile();
		await sync.start();
		await sync.optIn(p, [], []);
		const r = result(baselineRows(), { id: randomUUID() });
		await sync.changed('result', r);
		await sync.changed('result', { ...r, notes: ['edited after sending'] });
		await sync.changed('result', result(baselineRows(), { id: randomUUID() }));
		await new Promise((res) => setTimeout(res, 10));
		await sync.flush();
		expect(await listOutbox()).toEqual([]);
		expect(await count('results', p.anonymous_id)).toBe(2);
		const q = await listQuarantine();
		expect(q.map((x) => x.problem)).toEqual([expect.stringMatching(/refused it: 409/)]);
	});

	it('leave while offline: the deletion is queued, retried, and removes every server row', async () => {
		const p = profile();
		await sync.start();
		await sync.optIn(p, [result(baselineRows(), { id: randomUUID() })], []);
		online = false;
		await eraseEverything(await sync.deletionFor());
		await sync.afterLeave();
		const left = await listOutbox();
		expect(left.map((o) => o.kind)).toEqual(['delete']);
		expect(await loadSyncState()).toBeNull();
		expect(await count('results', p.anonymous_id)).toBe(1);
		online = true;
		await flushOutbox('', fetchFn, () => Date.now() + 3600_000);
		expect(await listOutbox()).toEqual([]);
		for (const t of ['devices', 'profiles', 'results', 'result_points', 'submissions']) expect(await count(t, p.anonymous_id), t).toBe(0);
	});

	it('after deletion on the server, the client stops for good', async () => {
		const p = profile();
		await sync.start();
		await sync.optIn(p, [], []);
		const token = (await loadSyncState())!.token;
		await api.deleteOwn({ request: new Request('http://localhost/x', { method: 'DELETE', headers: { authorization: `Bearer ${token}` } }), ip: '1', params: { id: p.anonymous_id } });
		await sync.changed('result', result(baselineRows(), { id: randomUUID() }));
		await new Promise((r) => setTimeout(r, 10));
		await sync.flush();
		expect((await loadSyncState())?.state).toBe('deleted');
		expect(await listOutbox()).toEqual([]);
		const before = requests;
		await sync.changed('result', result(baselineRows(), { id: randomUUID() }));
		expect(requests).toBe(before);
	});
});
