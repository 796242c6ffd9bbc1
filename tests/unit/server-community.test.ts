import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerSchema } from '$lib/schemas/api';
import { profileSchema } from '$lib/schemas/profile';
import { benchResultSchema } from '$lib/schemas/result';
import type { Db } from '$lib/server/db';
import { communityApi, type CommunityApi } from '$lib/server/community/api';
import { ResultIngest } from '$lib/server/community/ingest';
import { communityStats } from '$lib/server/community/stats';
import type { ApiError } from '$lib/server/http';
import { RateLimiter } from '$lib/server/rate-limit';
import { call, newDevice, newToken } from './helpers/api';
import { testDatabases } from './helpers/databases';
import { baselineRows, result, row } from './helpers/fixtures';

const generous = { ip: { burst: 1e6, perMinute: 1e6 }, device: { burst: 1e6, perMinute: 1e6 } };
const profileOf = (id: string, over: Record<string, unknown> = {}) =>
	profileSchema.parse({ anonymous_id: id, joined_at: '2026-11-20T10:00:00.000Z', updated_at: '2026-11-21T10:00:00.000Z', ...over });
const resultOf = (over: Record<string, unknown> = {}) => result(baselineRows('wasm-simd', 2), { id: randomUUID(), ...over });

describe.each(testDatabases)('the website API on $name', (target) => {
	let db: Db;
	let api: CommunityApi;
	let cleanup: () => Promise<void>;
	beforeAll(async () => {
		const opened = await target.open();
		db = opened.db;
		cleanup = opened.cleanup;
		api = communityApi(db, { rules: generous });
	});
	afterAll(() => cleanup());

	async function joined() {
		const d = newDevice();
		expect((await call(api.register, { body: d })).status).toBe(201);
		return d;
	}

	it('registers a device, accepts a retry with the same token, refuses another token', async () => {
		const d = await joined();
		expect(await call(api.register, { body: d })).toMatchObject({ status: 200, body: { created: false } });
		const stolen = await call(api.register, { body: { ...d, token: newToken() } });
		expect(stolen).toMatchObject({ status: 403, body: { error: { code: 'id_taken' } } });
		const [row] = await db.query<{ token_hash: string }>('select token_hash from devices where anonymous_id = $1', [d.anonymous_id]);
		expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);
		expect(row.token_hash).not.toContain(d.token);
	});

	it('checks tokens: missing 401, wrong 403, another device’s 403, bad id 404', async () => {
		const a = await joined();
		const b = await joined();
		const body = profileOf(a.anonymous_id);
		expect((await call(api.putProfile, { id: a.anonymous_id, body })).status).toBe(401);
		expect((await call(api.putProfile, { id: a.anonymous_id, body, token: newToken() })).body.error.code).toBe('forbidden');
		expect((await call(api.putProfile, { id: a.anonymous_id, body, token: b.token })).status).toBe(403);
		expect((await call(api.putProfile, { id: 'not-a-uuid', body, token: a.token })).status).toBe(404);
		expect((await call(api.getOwn, { id: randomUUID(), token: a.token })).status).toBe(403);
		expect((await call(api.putProfile, { id: a.anonymous_id, body, token: a.token })).status).toBe(200);
	});

	it('keeps the newer profile', async () => {
		const d = await joined();
		const put = (over: Record<string, unknown>) => call(api.putProfile, { id: d.anonymous_id, token: d.token, body: profileOf(d.anonymous_id, over) });
		expect((await put({ updated_at: '2026-11-22T00:00:00.000Z', context: { cohort: 'New' } })).body).toEqual({ updated: true });
		expect((await put({ updated_at: '2026-11-21T00:00:00.000Z', context: { cohort: 'Old' } })).body).toEqual({ updated: false });
		const [p] = await db.query<{ cohort: string }>('select cohort from profiles where anonymous_id = $1', [d.anonymous_id]);
		expect(p.cohort).toBe('New');
		expect((await call(api.putProfile, { id: d.anonymous_id, token: d.token, body: profileOf(randomUUID()) })).status).toBe(422);
	});

	it('stores a result once however often it is sent; a different payload under its id is 409', async () => {
		const d = await joined();
		const r = resultOf();
		const send = (body: unknown) => call(api.postResult, { id: d.anonymous_id, token: d.token, body });
		expect(await send(r)).toMatchObject({ status: 201, body: { stored: 'new' } });
		expect(await send(r)).toMatchObject({ status: 200, body: { stored: 'duplicate' } });
		expect(await send({ ...r, notes: ['changed'] })).toMatchObject({ status: 409, body: { error: { code: 'conflict' } } });
		const rows = await db.query('select 1 from results where anonymous_id = $1', [d.anonymous_id]);
		expect(rows).toHaveLength(1);
		const own = await call(api.getOwn, { id: d.anonymous_id, token: d.token });
		expect(own.body.results).toEqual([r]);
	});

	it('results sent at the same moment are stored in one group, each with its own answer', async () => {
		const d = await joined();
		const other = await joined();
		const send = (dev: typeof d, body: unknown) => call(api.postResult, { id: dev.anonymous_id, token: dev.token, body });
		const rs = Array.from({ length: 40 }, () => resultOf());
		const clash = rs[3];
		const answers = await Promise.all([
			...rs.map((r) => send(d, r)),
			send(d, rs[0]),
			send(d, { ...clash, notes: ['other'] }),
			send(other, rs[1])
		]);
		const statuses = answers.map((a) => a.status);
		expect(statuses.slice(0, 40).filter((s, i) => i !== 0 && i !== 3 && s !== 201)).toEqual([]);
		// The replay and the clash race their originals: whichever lands first is stored, the other answered.
		expect([statuses[0], statuses[40]].sort()).toEqual([200, 201]);
		expect([statuses[3], statuses[41]].sort()).toEqual([201, 409]);
		expect(statuses[42]).toBe(201);
		expect(await db.query('select 1 from results where anonymous_id = $1', [d.anonymous_id])).toHaveLength(40);
		expect(await db.query('select 1 from result_points where anonymous_id = $1', [d.anonymous_id])).toHaveLength(40);
	});

	it('one clash in a group never changes the answers of the others in it', async () => {
		const d = await joined();
		const ingest = new ResultIngest(db, 64, 1);
		const stored = resultOf();
		expect(await ingest.store(d.anonymous_id, stored)).toEqual({ stored: 'new' });
		const told = async (writes: Promise<unknown>[]) =>
			(await Promise.allSettled(writes)).map((a) => (a.status === 'fulfilled' ? (a.value as { stored: string }).stored : (a.reason as ApiError).status));
		const fresh = Array.from({ length: 5 }, () => resultOf());
		// New results next to a replay and a clash with one stored earlier.
		const first = [...fresh.slice(0, 3).map((r) => ingest.store(d.anonymous_id, r)), ingest.store(d.anonymous_id, { ...stored, notes: ['other'] }), ingest.store(d.anonymous_id, stored)];
		expect(await told(first)).toEqual(['new', 'new', 'new', 409, 'duplicate']);
		// The same id twice within one group, once with the same payload and once with another.
		const second = [
			ingest.store(d.anonymous_id, fresh[3]),
			ingest.store(d.anonymous_id, fresh[3]),
			ingest.store(d.anonymous_id, fresh[4]),
			ingest.store(d.anonymous_id, { ...fresh[4], notes: ['other'] })
		];
		expect(await told(second)).toEqual(['new', 'duplicate', 'new', 409]);
		expect(await db.query('select 1 from result_points where anonymous_id = $1', [d.anonymous_id])).toHaveLength(6);
	});

	it('stores submissions idempotently too', async () => {
		const d = await joined();
		const s = {
			schema: 'tito-web/submission@1',
			id: randomUUID(),
			created_at: '2026-11-30T10:00:00.000Z',
			result_id: null,
			file: { benchmark_type: 'baseline', timestamp: '2026-11-30T10:00:00.000Z', metrics: { score: 50 }, include_system_info: false, anonymous: true }
		};
		const send = (body: unknown) => call(api.postSubmission, { id: d.anonymous_id, token: d.token, body });
		expect((await send(s)).status).toBe(201);
		expect((await send(s)).status).toBe(200);
		expect((await send({ ...s, file: { ...s.file, metrics: { score: 99 } } })).status).toBe(409);
	});

	it('rejects implausible numbers with a sentence', async () => {
		const d = await joined();
		const send = (body: unknown) => call(api.postResult, { id: d.anonymous_id, token: d.token, body });
		const fast = row('wasm-simd', 'matmul', 2e-6);
		const tooFast = await send(result([...baselineRows('wasm-simd', 2).slice(0, 1), fast, baselineRows()[2]], { id: randomUUID() }));
		expect(tooFast).toMatchObject({ status: 422, body: { error: { code: 'implausible', message: expect.stringMatching(/GFLOP\/s on wasm-simd/) } } });
		const r = resultOf();
		const cheat = await send({ ...r, scores: r.scores.map((s) => ({ ...s, score: 100, total_ms: 60 })) });
		expect(cheat.body.error.code).toBe('implausible');
		const lies = resultOf();
		lies.workloads[0] = { ...lies.workloads[0], gflops: 50 };
		expect((await send(lies)).body.error.message).toMatch(/does not match its time/);
		expect((await send(resultOf({ finished_at: '2026-11-23T09:00:00.000Z' }))).body.error.message).toMatch(/finished before/);
		const negative = resultOf();
		negative.workloads[0] = { ...negative.workloads[0], measurement: { ...negative.workloads[0].measurement!, median_ms: -1 } };
		expect((await send(negative)).status).toBe(422);
		const sub = {
			schema: 'tito-web/submission@1', id: randomUUID(), created_at: '2026-11-30T10:00:00.000Z', result_id: null,
			file: {
				tinytorch_version: '0.1', submission_type: 'capstone', timestamp: '2026-11-30T10:00:00.000Z', system_info: {},
				baseline: { model_name: 'a', metrics: { parameter_count: 10, model_size_mb: 1, accuracy: 0.9, latency_ms_mean: 100, latency_ms_std: 1, throughput: 10 } },
				improvements: { speedup: 60, compression_ratio: 2, accuracy_delta: 0 }
			}
		};
		const s = await call(api.postSubmission, { id: d.anonymous_id, token: d.token, body: sub });
		expect(s.status).toBe(422);
	});

	it('answers bad requests with the right 4xx: 413, 415, 400, 422', async () => {
		const d = await joined();
		const auth = { id: d.anonymous_id, token: d.token };
		expect((await call(api.postResult, { ...auth, raw: JSON.stringify({ pad: 'x'.repeat(300 * 1024) }) })).status).toBe(413);
		expect((await call(api.postResult, { ...auth, raw: '{}', headers: { 'content-type': 'text/plain' } })).status).toBe(415);
		expect((await call(api.postResult, { ...auth, raw: '{"schema": "tito-web/result@1", "id"' })).body.error.code).toBe('bad_json');
		const invalid = await call(api.postResult, { ...auth, body: { schema: 'tito-web/result@1' } });
		expect(invalid).toMatchObject({ status: 422, body: { error: { code: 'invalid', issues: expect.any(Array) } } });
	});

	it('limits requests per device and per IP with 429 and Retry-After', async () => {
		const tight = communityApi(db, { limiter: new RateLimiter(), rules: { ip: { burst: 1000, perMinute: 1000 }, device: { burst: 3, perMinute: 6 } } });
		const d = newDevice();
		await call(tight.register, { body: d });
		const statuses: number[] = [];
		let last;
		for (let i = 0; i < 5; i++) statuses.push((last = await call(tight.getOwn, { id: d.anonymous_id, token: d.token })).status);
		expect(statuses).toEqual([200, 200, 200, 429, 429]);
		expect(Number(last!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
		const perIp = communityApi(db, { rules: { ip: { burst: 2, perMinute: 1 }, device: generous.device } });
		const s = [];
		for (let i = 0; i < 3; i++) s.push((await call(perIp.stats, { ip: '10.0.0.1' })).status);
		expect(s).toEqual([200, 200, 429]);
		expect((await call(perIp.stats, { ip: '10.0.0.2' })).status).toBe(200);
	});

	it('leave deletes every row of the device in one go, and later writes get 410', async () => {
		const d = await joined();
		const auth = { id: d.anonymous_id, token: d.token };
		await call(api.putProfile, { ...auth, body: profileOf(d.anonymous_id) });
		await call(api.postResult, { ...auth, body: resultOf() });
		expect(await call(api.deleteOwn, { ...auth, method: 'DELETE' })).toMatchObject({ status: 200, body: { deleted: true } });
		for (const table of ['devices', 'profiles', 'results', 'result_points', 'submissions']) {
			expect(await db.query(`select 1 from ${table} where anonymous_id = $1`, [d.anonymous_id]), table).toEqual([]);
		}
		expect(await call(api.postResult, { ...auth, body: resultOf() })).toMatchObject({ status: 410, body: { error: { code: 'gone' } } });
		expect((await call(api.register, { body: d })).status).toBe(410);
		expect(await call(api.deleteOwn, { ...auth, method: 'DELETE' })).toMatchObject({ status: 200, body: { deleted: false } });
		const tomb = await db.query<Record<string, unknown>>('select * from tombstones');
		expect(Object.keys(tomb[0]).sort()).toEqual(['deleted_at', 'id_hash']);
		expect(JSON.stringify(tomb)).not.toContain(d.anonymous_id);
	});

	it('maps the TinyTorch CLI’s progress upload into the profile', async () => {
		const d = await joined();
		const payload = {
			user_id: d.anonymous_id, timestamp: '2026-12-01T09:00:00', version: '0.1.0',
			module_progress: { '01_tensor': { completed: true }, '02_activations': true, '03_layers': false },
			milestone_progress: ['perceptron'], statistics: { current_streak_days: 4 }
		};
		expect(await call(api.titoProgress, { token: d.token, body: payload })).toMatchObject({ status: 200, body: { modules: 2, milestones: 1 } });
		const [p] = await db.query<{ modules_completed: number }>('select modules_completed from profiles where anonymous_id = $1', [d.anonymous_id]);
		expect(p.modules_completed).toBe(2);
		expect((await call(api.titoProgress, { token: newToken(), body: payload })).status).toBe(403);
	});

	it('survives a sweep of 200+ malformed requests with 4xx only', async () => {
		const d = await joined();
		const auth = { id: d.anonymous_id, token: d.token };
		const good = resultOf();
		type Case = NonNullable<Parameters<typeof call>[1]>;
		const cases: Case[] = [];
		const values = [null, true, -1, 1e308, -1e308, 'x', '', [], {}, [[[[[]]]]], 'a'.repeat(5000), '\u0000', 0.5];
		for (const key of Object.keys(good)) for (const v of values) cases.push({ ...auth, body: { ...good, id: randomUUID(), [key]: v } });
		for (const v of values) cases.push({ body: { ...newDevice(), anonymous_id: v } }, { body: { ...newDevice(), token: v } });
		for (const raw of ['', '{', '[]', 'null', '"x"', '{"a":}', '\uFEFF{}', '{"id": 1e999}', '['.repeat(10000) + ']'.repeat(10000)]) cases.push({ ...auth, raw });
		const w = good.workloads[0];
		for (const key of Object.keys(w)) for (const v of values) cases.push({ ...auth, body: { ...good, id: randomUUID(), workloads: [{ ...w, [key]: v }] } });
		cases.push({ ...auth, raw: '{}', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
		cases.push({ id: '00000000-0000-0000-0000-000000000000', token: d.token, body: good });
		cases.push({ ...auth, body: { ...good, workloads: Array.from({ length: 600 }, () => good.workloads[0]) } });
		cases.push({ ...auth, body: { ...good, started_at: '9999-99-99T99:99:99Z' } }, { ...auth, body: { ...good, started_at: '0000-01-01' } });
		// A mutation can happen to be valid (an empty shape label): those may be stored; the rest must be refused.
		const schemaOf = (c: Case) => (c.id ? benchResultSchema : registerSchema);
		const malformed = cases.filter((c) => c.raw !== undefined || c.headers || !schemaOf(c).safeParse(c.body).success || c.id === '00000000-0000-0000-0000-000000000000');
		expect(malformed.length).toBeGreaterThanOrEqual(200);
		for (const c of cases) {
			const res = await call(c.id ? api.postResult : api.register, c);
			const what = JSON.stringify(c).slice(0, 200);
			expect(res.status, what).toBeLessThan(500);
			if (malformed.includes(c)) {
				expect(res.status, what).toBeGreaterThanOrEqual(400);
				expect(typeof res.body.error.code).toBe('string');
			}
		}
		expect((await call(api.stats, {})).status).toBe(200);
		expect((await call(api.postResult, { ...auth, body: good })).status).toBe(201);
	});

	it('publishes statistics with small cells suppressed, including the complementary cell', async () => {
		const fresh = await target.open();
		try {
			const a = communityApi(fresh.db, { rules: generous });
			const join = async (country: string) => {
				const d = newDevice();
				await call(a.register, { body: d });
				await call(a.putProfile, { id: d.anonymous_id, token: d.token, body: profileOf(d.anonymous_id, { location: { country } }) });
				return d;
			};
			for (let i = 0; i < 12; i++) await join('Kenya');
			for (let i = 0; i < 11; i++) await join('India');
			for (let i = 0; i < 3; i++) await join('Peru');
			const stats = await communityStats(fresh.db, 10);
			const country = Object.fromEntries(stats.by.country.cells.map((c) => [c.value, c.display]));
			expect(country).toEqual({ Kenya: '12', India: '<10', Peru: '<10' });
			expect(stats.by.country.total).toBe(26);
			expect(JSON.stringify(stats)).not.toMatch(/"count":\s*(3|11)\b/);
			expect(stats.by.course_type.cells).toEqual([{ value: 'Not given', count: 26, display: '26' }]);
		} finally {
			await fresh.cleanup();
		}
	});
});
