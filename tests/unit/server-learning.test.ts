import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { weekOf } from '$lib/community/streaks';
import { profileSchema } from '$lib/schemas/profile';
import type { Db } from '$lib/server/db';
import { communityApi, type CommunityApi } from '$lib/server/community/api';
import { communityStats } from '$lib/server/community/stats';
import { sweepPartners } from '$lib/server/community/partners';
import { sha256 } from '$lib/server/hash';
import { call, newDevice } from './helpers/api';
import { testDatabases } from './helpers/databases';
import { baselineRows, result } from './helpers/fixtures';

const generous = { ip: { burst: 1e6, perMinute: 1e6 }, device: { burst: 1e6, perMinute: 1e6 } };
const MIN = 3;
const SHIPPED = 'a'.repeat(64);
const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString();

type Device = ReturnType<typeof newDevice>;
const auth = (d: Device) => ({ id: d.anonymous_id, token: d.token });

describe.each(testDatabases)('cohorts, study partners and challenges on $name', (target) => {
	let db: Db;
	let api: CommunityApi;
	let cleanup: () => Promise<void>;
	beforeAll(async () => {
		const opened = await target.open();
		db = opened.db;
		cleanup = opened.cleanup;
		api = communityApi(db, { rules: generous, minCell: MIN, closedDivisionHashes: () => new Set([SHIPPED]) });
	});
	afterAll(() => cleanup());

	async function device(scope: 'sync' | 'partners' = 'sync', existing?: Device) {
		const d = existing ?? newDevice();
		const res = await call(api.register, { body: { ...d, scope, consent: { version: `${scope}-1`, agreed_at: '2026-11-30T10:00:00.000Z' } } });
		expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
		return d;
	}
	const profile = (d: Device, progress: Record<string, unknown>, updated_at = new Date().toISOString()) =>
		call(api.putProfile, { ...auth(d), method: 'PUT', body: profileSchema.parse({ anonymous_id: d.anonymous_id, joined_at: '2026-01-01T00:00:00.000Z', updated_at, progress }) });
	async function cohort(title = 'CS 249') {
		const res = await call(api.cohortCreate, { body: { title } });
		expect(res.status).toBe(201);
		return res.body as { code: string; admin_token: string };
	}
	async function member(code: string, progress: Record<string, unknown> = {}) {
		const d = await device();
		if (Object.keys(progress).length) expect((await profile(d, progress)).status).toBe(200);
		expect((await call(api.joinCohort, { ...auth(d), method: 'PUT', body: { code } })).status).toBe(200);
		return d;
	}
	const modules = (n: number) => ({ modules: ['01_tensor', '02_activations', '03_layers', '04_losses', '05_autograd', '06_optimizers', '07_training', '08_dataloader', '09_spatial', '10_tokenization', '11_embeddings', '12_attention'].slice(0, n) });

	describe('consent scopes', () => {
		it('keeps partner-only devices out of sync features and statistics, and adds a scope with the same token', async () => {
			const before = (await communityStats(db, 1)).devices.total ?? 0;
			const p = await device('partners');
			expect((await communityStats(db, 1)).devices.total ?? 0).toBe(before);
			const { code } = await cohort();
			expect(await call(api.joinCohort, { ...auth(p), method: 'PUT', body: { code } })).toMatchObject({ status: 403, body: { error: { code: 'consent_required' } } });
			expect((await call(api.myChallenges, auth(p))).status).toBe(403);
			const s = await device();
			expect(await call(api.myPartners, auth(s))).toMatchObject({ status: 403, body: { error: { code: 'consent_required' } } });
			// Turning on sync later, with the same token, adds that consent.
			await device('sync', p);
			expect((await call(api.joinCohort, { ...auth(p), method: 'PUT', body: { code } })).status).toBe(200);
			expect((await communityStats(db, 1)).devices.total).toBe(before + 2);
			const rows = await db.query<{ scope: string }>('select scope from device_consents where anonymous_id = $1 order by scope', [p.anonymous_id]);
			expect(rows.map((r) => r.scope)).toEqual(['partners', 'sync']);
		});
	});

	describe('cohorts', () => {
		it('shows the cohort’s distributions with small cells suppressed and the student’s own bins, never a list', async () => {
			const { code } = await cohort('Fall cohort');
			const ms = [0, 0, 0, 2, 2, 2, 6];
			const members = [];
			for (const n of ms) members.push(await member(code, n ? modules(n) : { milestones: [] }));
			const typed = `${code.slice(0, 3).toLowerCase()}-${code.slice(3)}`;
			const view = (await call(api.myCohort, auth(members[6]))).body;
			expect(view.cohort).toMatchObject({ code, title: 'Fall cohort' });
			expect(view.members.totalDisplay).toBe('7');
			const cells = Object.fromEntries(view.modules.cells.map((c: { value: string; display: string }) => [c.value, c.display]));
			// 3 + 3 + 1: the single 5–8 cell is hidden, and so is one more, so the total cannot give it away.
			expect(cells).toEqual({ '0': '<3', '1–4': '3', '5–8': '<3' });
			expect(view.you).toEqual({ modules: '5–8', milestones: '0', level: 'Starting' });
			const text = JSON.stringify(view);
			for (const m of members) expect(text).not.toContain(m.anonymous_id);
			// Joining takes the code as people type it; an unknown code is a 404 in words.
			const late = await device();
			expect((await call(api.joinCohort, { ...auth(late), method: 'PUT', body: { code: typed } })).body.cohort.code).toBe(code);
			expect(await call(api.joinCohort, { ...auth(late), method: 'PUT', body: { code: 'XXXXXX' } })).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });
			expect((await call(api.leaveCohort, { ...auth(late), method: 'DELETE' })).body.cohort).toBeNull();
		});

		it('hides every count of a cohort smaller than the minimum', async () => {
			const { code } = await cohort();
			const a = await member(code, modules(1));
			await member(code, modules(12));
			const view = (await call(api.myCohort, auth(a))).body;
			expect(view.members).toMatchObject({ total: null, totalDisplay: '<3' });
			expect(view.modules.cells.every((c: { count: number | null }) => c.count === null)).toBe(true);
			expect(view.you.modules).toBe('1–4');
		});

		it('gives the organiser weekly activity and modules over time, suppressed, and as CSV', async () => {
			const { code, admin_token } = await cohort('Weekly');
			const thisWeek = weekOf(new Date().toISOString().slice(0, 10));
			const week = (n: number) => new Date(Date.parse(`${thisWeek}T00:00:00Z`) - n * 7 * DAY).toISOString().slice(0, 10);
			const twoWeeksAgo = new Date(Date.parse(`${week(2)}T12:00:00Z`)).toISOString();
			const members: Device[] = [];
			for (let i = 1; i <= 10; i++) {
				const d = await member(code);
				expect((await profile(d, modules(i), twoWeeksAgo)).status).toBe(200);
				members.push(d);
			}
			// Last week six ran a benchmark; this week three finished more modules.
			for (const d of members.slice(0, 6)) {
				const started = new Date(Date.parse(`${week(1)}T10:00:00Z`)).toISOString();
				const r = result(baselineRows('wasm-simd', 2), { id: randomUUID(), started_at: started, finished_at: new Date(Date.parse(started) + 5000).toISOString() });
				expect((await call(api.postResult, { ...auth(d), body: r })).status).toBe(201);
			}
			for (const d of members.slice(0, 3)) expect((await profile(d, modules(12))).status).toBe(200);
			await db.query('update cohorts set created_at = $2 where code = $1', [code, `${week(3)}T00:00:00Z`]);
			await db.query('update cohort_members set joined_at = $2 where cohort_code = $1', [code, `${week(3)}T00:00:00Z`]);

			expect((await call(api.cohortAdmin, { token: members[0].token, params: { code } })).status).toBe(403);
			const view = (await call(api.cohortAdmin, { token: admin_token, params: { code } })).body;
			const byWeek = Object.fromEntries(view.weeks.map((w: { week: string }) => [w.week, w]));
			expect(Object.keys(byWeek)).toEqual([week(3), week(2), week(1), week(0)]);
			expect(byWeek[week(3)]).toMatchObject({ members: '10', active: '0', median_modules: 0 });
			expect(byWeek[week(2)]).toMatchObject({ members: '10', active: '10', median_modules: 5.5 });
			expect(byWeek[week(1)]).toMatchObject({ members: '10', active: '6', median_modules: 5.5 });
			expect(byWeek[week(0)]).toMatchObject({ members: '10', active: '3', median_modules: 8.5 });
			const bins = Object.fromEntries(byWeek[week(2)].modules.cells.map((c: { value: string; display: string }) => [c.value, c.display]));
			expect(bins).toEqual({ '1–4': '<3', '5–8': '4', '9–12': '<3' });

			const csv = await call(api.cohortCsv, { token: admin_token, params: { code } });
			expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
			const lines = csv.text.trim().split('\r\n');
			expect(lines[0]).toBe('week,members,active_this_week,median_modules_completed,modules_0,modules_1_to_4,modules_5_to_8,modules_9_to_12,modules_13_to_16,modules_17_to_20');
			expect(lines[2]).toBe(`${week(2)},10,10,5.5,0,<3,4,<3,0,0`);
			for (const m of members) expect(csv.text).not.toContain(m.anonymous_id);

			// A cohort of two shows no exact count anywhere.
			const small = await cohort();
			await member(small.code, modules(3));
			await member(small.code, modules(4));
			const tiny = (await call(api.cohortAdmin, { token: small.admin_token, params: { code: small.code } })).body;
			expect(tiny.weeks.at(-1)).toMatchObject({ members: '<3', active: '<3', median_modules: null });
		});
	});

	describe('study partners', () => {
		const signup = (over: Record<string, unknown> = {}) => ({ nickname: 'Otter', contact: 'forum: @otter', language: 'en', utc_offset: 1, level: 'learning', seeking: true, ...over });
		async function partner(code: string | null, over: Record<string, unknown> = {}) {
			const d = code ? await member(code) : await device('partners');
			if (code) await device('partners', d);
			const res = await call(api.savePartners, { ...auth(d), method: 'PUT', body: signup(over) });
			expect(res.status, JSON.stringify(res.body)).toBe(200);
			return { d, view: res.body };
		}
		const view = async (d: Device) => (await call(api.myPartners, auth(d))).body;
		const act = (d: Device, body: unknown) => call(api.partnerMatch, { ...auth(d), body });

		it('matches two students of one cohort and shows each only the other’s nickname and contact', async () => {
			const { code } = await cohort();
			const a = await partner(code, { nickname: 'Ada', contact: 'ada#123' });
			expect(a.view).toMatchObject({ match: null, profile: { seeking: true }, pool: { code } });
			const b = await partner(code, { nickname: 'Bo', contact: 'bo on the forum', utc_offset: 3, level: 'progressing' });
			expect(b.view.match).toMatchObject({ nickname: 'Ada', contact: 'ada#123' });
			expect(Object.keys(b.view.match).sort()).toEqual(['contact', 'expires_at', 'helped_by_me', 'id', 'nickname', 'since']);
			const av = await view(a.d);
			expect(av.match).toMatchObject({ nickname: 'Bo', contact: 'bo on the forum' });
			expect(av.profile.seeking).toBe(false);
			expect(JSON.stringify(av)).not.toContain(b.d.anonymous_id);
			expect(Date.parse(av.match.expires_at) - Date.parse(av.match.since)).toBeCloseTo(28 * DAY, -5);
		});

		it('never matches across cohorts, languages, far time zones or levels', async () => {
			const one = await cohort();
			const two = await cohort();
			await partner(one.code, { language: 'de' });
			expect((await partner(two.code, { language: 'de' })).view.match).toBeNull();
			expect((await partner(null, { language: 'de' })).view.match).toBeNull();
			expect((await partner(one.code, { language: 'fr' })).view.match).toBeNull();
			expect((await partner(one.code, { language: 'de', utc_offset: 5 })).view.match).toBeNull();
			expect((await partner(one.code, { language: 'de', level: 'advanced' })).view.match).toBeNull();
			expect((await partner(one.code, { language: 'de', seeking: false })).view.match).toBeNull();
			expect((await partner(one.code, { language: 'de', utc_offset: -2 })).view.match).not.toBeNull();
		});

		it('ends a match for both when either withdraws, and never pairs the same two again', async () => {
			const { code } = await cohort();
			const a = await partner(code);
			const b = await partner(code);
			expect(b.view.match).not.toBeNull();
			const ended = await act(a.d, { action: 'end' });
			expect(ended.body).toMatchObject({ match: null, last_ended: 'ended' });
			expect(await view(b.d)).toMatchObject({ match: null, last_ended: 'ended' });
			expect((await act(b.d, { action: 'end' })).status).toBe(409);
			// Both look again: not each other; a newcomer is matched with the one who waited longest.
			await call(api.savePartners, { ...auth(a.d), method: 'PUT', body: signup() });
			expect((await call(api.savePartners, { ...auth(b.d), method: 'PUT', body: signup() })).body).toMatchObject({ match: null, last_ended: null });
			const c = await partner(code, { nickname: 'Cy' });
			expect(c.view.match).not.toBeNull();
			expect((await view(a.d)).match?.nickname).toBe('Cy');
			expect((await view(b.d)).match).toBeNull();
		});

		it('lets matches expire', async () => {
			const { code } = await cohort();
			const a = await partner(code);
			const b = await partner(code);
			// Four weeks later:
			await db.query(`update partner_profiles set updated_at = now() - interval '29 days' where anonymous_id in ($1, $2)`, [a.d.anonymous_id, b.d.anonymous_id]);
			await db.query(`update partner_matches set created_at = now() - interval '29 days', expires_at = now() - interval '1 day' where id = $1`, [b.view.match.id]);
			expect(await view(a.d)).toMatchObject({ match: null, last_ended: 'expired' });
			expect(await view(b.d)).toMatchObject({ match: null, last_ended: 'expired' });
			expect((await sweepPartners(db)).expired).toBeGreaterThanOrEqual(1);
			const [row] = await db.query<{ ended_reason: string }>('select ended_reason from partner_matches where id = $1', [b.view.match.id]);
			expect(row.ended_reason).toBe('expired');
			// Waiting in the pool expires too: a stale seeker is neither shown as looking nor matched.
			const c = await partner(code);
			await db.query(`update partner_profiles set seeking_until = now() - interval '1 minute' where anonymous_id = $1`, [c.d.anonymous_id]);
			expect((await view(c.d)).profile.seeking).toBe(false);
			expect((await partner(code)).view.match).toBeNull();
		});

		it('blocks: the match ends and the two are never matched again, whoever asks', async () => {
			const { code } = await cohort();
			const a = await partner(code);
			const b = await partner(code);
			expect((await act(a.d, { action: 'block' })).body.match).toBeNull();
			await db.query('delete from partner_matches where id = $1', [b.view.match.id]);
			await call(api.savePartners, { ...auth(a.d), method: 'PUT', body: signup() });
			expect((await call(api.savePartners, { ...auth(b.d), method: 'PUT', body: signup() })).body.match).toBeNull();
		});

		it('pauses matching for a device reported by enough different students', async () => {
			const { code } = await cohort();
			const x = await partner(code, { nickname: 'X' });
			for (let i = 0; i < 3; i++) {
				const r = await partner(code);
				expect(r.view.match?.nickname).toBe('X');
				expect((await act(r.d, { action: 'report', reason: 'unkind' })).status).toBe(200);
				await call(api.savePartners, { ...auth(x.d), method: 'PUT', body: signup({ nickname: 'X' }) });
			}
			expect((await view(x.d)).paused).toMatch(/paused/);
			expect((await partner(code)).view.match).toBeNull();
			expect((await act(x.d, { action: 'report', reason: 'bogus' })).status).toBe(422);
		});

		it('counts "helped me" once per match, for the receiver’s eyes only', async () => {
			const { code } = await cohort();
			const a = await partner(code);
			const b = await partner(code);
			expect((await act(a.d, { action: 'helped' })).body.match.helped_by_me).toBe(true);
			await act(a.d, { action: 'helped' });
			expect((await view(b.d)).helped_received).toBe(1);
			expect((await view(a.d)).helped_received).toBe(0);
			await act(b.d, { action: 'end' });
			expect((await view(b.d)).helped_received).toBe(1);
			const stranger = await partner(null, { language: 'sw' });
			expect(stranger.view.helped_received).toBe(0);
			expect(JSON.stringify((await call(api.myCohort, auth(a.d))).body)).not.toMatch(/helped/);
		});

		it('withdraws with everything: a partner-only device goes entirely and may join again', async () => {
			const a = await partner(null, { language: 'pt' });
			const b = await partner(null, { language: 'pt' });
			await act(b.d, { action: 'helped' });
			expect(await call(api.leavePartners, { ...auth(a.d), method: 'DELETE' })).toMatchObject({ status: 200, body: { deleted: true, device_deleted: true } });
			expect(await db.query('select 1 from devices where anonymous_id = $1', [a.d.anonymous_id])).toEqual([]);
			expect(await db.query('select 1 from tombstones where id_hash = $1', [sha256(a.d.anonymous_id)])).toEqual([]);
			expect((await view(b.d)).match).toBeNull();
			await device('partners', a.d);
			expect((await view(a.d)).profile).toBeNull();
			// A device that also syncs keeps its sync data and loses only the partner part.
			const { code } = await cohort();
			const c = await partner(code);
			expect((await call(api.leavePartners, { ...auth(c.d), method: 'DELETE' })).body.device_deleted).toBe(false);
			expect((await call(api.myPartners, auth(c.d))).status).toBe(403);
			expect((await call(api.myCohort, auth(c.d))).body.cohort.code).toBe(code);
		});
	});

	describe('monthly challenges', () => {
		const metrics = (latency: number, over: Record<string, number> = {}) => ({
			parameter_count: 50_000, model_size_mb: 0.2, accuracy: 0.9, latency_ms_mean: latency, latency_ms_std: 0.1, throughput: 1000 / latency, ...over
		});
		const entry = (latency: number, nickname: string | null = null, over: Record<string, unknown> = {}) => ({
			nickname,
			submission: {
				tinytorch_version: '0.1.0', submission_type: 'capstone', timestamp: new Date().toISOString(), system_info: {},
				baseline: { model_name: 'tiny-mlp', model_sha256: SHIPPED, metrics: metrics(latency) }, ...over
			}
		});
		async function challenge(code: string, token: string, over: Record<string, unknown> = {}) {
			const body = { title: 'December sprint', event: 'latency_sprint', division: 'open', starts_at: ago(1), ends_at: ago(-20), cohort_code: code, ...over };
			return call(api.challengeCreate, { token, body });
		}
		const enter = (d: Device, cid: string, body: unknown) => call(api.enterChallenge, { ...auth(d), method: 'PUT', params: { cid }, body });

		it('shows the distribution, the band once enough have entered, and ±3 neighbours to those who show themselves', async () => {
			const { code, admin_token } = await cohort();
			const created = await challenge(code, admin_token);
			expect(created.status).toBe(201);
			const cid = created.body.id;
			expect(created.body).toMatchObject({ status: 'open', cohort: { code } });
			const names = ['One', null, 'Three', 'Four', 'Five', 'Six', 'Seven', null, 'Nine'];
			const latencies = [1, 1.2, 1.5, 4, 5, 6, 7, 8, 9];
			const ds: Device[] = [];
			for (const [i, name] of names.entries()) {
				const d = await member(code);
				const res = await enter(d, cid, entry(latencies[i], name));
				expect(res.status, JSON.stringify(res.body)).toBe(200);
				if (i === 0) expect(res.body.you.band).toBeNull();
				ds.push(d);
			}
			const five = (await call(api.myChallenge, { ...auth(ds[4]), params: { cid } })).body;
			expect(five.you).toMatchObject({ value: 5, bin: '3–10 ms', band: { label: '25–50 %', ahead: 4, entries: 9 } });
			expect(five.you.neighbours).toEqual([
				{ nickname: 'One', value: 1, offset: -3 }, { nickname: 'Three', value: 1.5, offset: -2 }, { nickname: 'Four', value: 4, offset: -1 },
				{ nickname: 'Five', value: 5, offset: 0 },
				{ nickname: 'Six', value: 6, offset: 1 }, { nickname: 'Seven', value: 7, offset: 2 }, { nickname: 'Nine', value: 9, offset: 3 }
			]);
			const bins = Object.fromEntries(five.distribution.cells.map((c: { value: string; display: string }) => [c.value, c.display]));
			expect(bins).toEqual({ '1–3 ms': '3', '3–10 ms': '6' });
			// The one at the top sees only who is just behind; one who stays hidden sees no one.
			const one = (await call(api.myChallenge, { ...auth(ds[0]), params: { cid } })).body;
			expect(one.you.neighbours.map((n: { offset: number }) => n.offset)).toEqual([0, 1, 2, 3]);
			const hidden = (await call(api.myChallenge, { ...auth(ds[1]), params: { cid } })).body;
			expect(hidden.you.neighbours).toBeNull();
			expect(hidden.you.band.label).toBe('10–25 %');
			// A new submission replaces the old one.
			expect((await enter(ds[8], cid, entry(0.5, 'Nine'))).body.you.band.label).toBe('0–10 %');
			const [{ n }] = await db.query<{ n: number }>('select count(*)::int as n from challenge_entries where challenge_id = $1', [cid]);
			expect(n).toBe(9);
			// Withdrawing an entry removes it from the distribution.
			expect((await call(api.withdrawChallenge, { ...auth(ds[8]), method: 'DELETE', params: { cid } })).body).toEqual({ deleted: true });
			expect((await call(api.myChallenge, { ...auth(ds[8]), params: { cid } })).body.you).toBeNull();
			// The organiser sees the distribution only.
			const admin = (await call(api.cohortAdmin, { token: admin_token, params: { code } })).body;
			expect(admin.challenges[0]).toMatchObject({ challenge: { id: cid }, you: null });
			expect(JSON.stringify(admin)).not.toMatch(/One|Three/);
		});

		it('keeps cohort challenges to the cohort, and challenges for everyone to the site admin', async () => {
			const { code, admin_token } = await cohort();
			const cid = (await challenge(code, admin_token)).body.id;
			const outsider = await device();
			expect((await call(api.myChallenge, { ...auth(outsider), params: { cid } })).status).toBe(404);
			expect((await enter(outsider, cid, entry(2))).status).toBe(404);
			expect((await call(api.myChallenges, auth(outsider))).body.map((c: { id: string }) => c.id)).not.toContain(cid);
			const other = await cohort();
			expect((await challenge(code, other.admin_token)).status).toBe(403);
			expect((await challenge(code, admin_token, { cohort_code: undefined })).status).toBe(403);
			process.env.ADMIN_TOKEN = newDevice().token;
			try {
				const global = await call(api.challengeCreate, { token: process.env.ADMIN_TOKEN, body: { title: 'For all', event: 'memory_challenge', division: 'open', starts_at: ago(1), ends_at: ago(-10) } });
				expect(global.status).toBe(201);
				const list = (await call(api.challenges, {})).body.map((c: { id: string }) => c.id);
				expect(list).toContain(global.body.id);
				expect(list).not.toContain(cid);
				expect((await call(api.myChallenges, auth(outsider))).body.map((c: { id: string }) => c.id)).toContain(global.body.id);
				expect((await enter(outsider, global.body.id, entry(2))).body.you.value).toBe(0.2);
			} finally {
				delete process.env.ADMIN_TOKEN;
			}
		});

		it('re-validates entries: dates, closed-division model hash, event rules', async () => {
			const { code, admin_token } = await cohort();
			const d = await member(code);
			const closed = (await challenge(code, admin_token, { division: 'closed' })).body.id;
			expect((await enter(d, closed, entry(2))).status).toBe(200);
			const foreign = entry(2, null, { baseline: { model_name: 'mine', model_sha256: 'b'.repeat(64), metrics: metrics(2) } });
			expect(await enter(d, closed, foreign)).toMatchObject({ status: 422, body: { error: { code: 'closed_division' } } });
			const unhashed = entry(2, null, { baseline: { model_name: 'mine', metrics: metrics(2) } });
			expect((await enter(d, closed, unhashed)).body.error.code).toBe('closed_division');
			const later = (await challenge(code, admin_token, { starts_at: ago(-2), ends_at: ago(-12) })).body.id;
			expect((await enter(d, later, entry(2))).body.error.code).toBe('not_open');
			const open = (await challenge(code, admin_token)).body.id;
			expect((await enter(d, open, entry(2, null, { timestamp: ago(3) }))).body.error.code).toBe('too_early');
			expect((await enter(d, open, entry(2, null, { baseline: { model_name: 'a', metrics: metrics(2, { accuracy: 0.5 }) } }))).body.error.code).toBe('does_not_qualify');
			expect((await enter(d, open, entry(2, null, { improvements: { speedup: 2, compression_ratio: 1, accuracy_delta: 0 } }))).body.error.code).toBe('implausible');
			expect((await enter(d, open, { submission: { submission_type: 'capstone' } })).status).toBe(422);
			expect((await challenge(code, admin_token, { starts_at: ago(0), ends_at: ago(1) })).body.error.code).toBe('bad_dates');
			expect((await challenge(code, admin_token, { event: 'speed_run' })).status).toBe(422);
			expect((await call(api.myChallenge, { ...auth(d), params: { cid: 'not-a-uuid' } })).status).toBe(404);
		});
	});

	it('answers malformed requests to every new endpoint with a 4xx and a code', async () => {
		const { code, admin_token } = await cohort();
		const d = await member(code);
		await device('partners', d);
		const cid = (await call(api.challengeCreate, { token: admin_token, body: { title: 'T', event: 'all_around', division: 'open', starts_at: ago(1), ends_at: ago(-5), cohort_code: code } })).body.id;
		const bodies = [null, 1, 'x', [], {}, { code: 1 }, { nickname: '' }, { title: 'x'.repeat(500) }, { action: 'nope' }, { submission: {} }, { '\u0000': 1 }];
		const raws = ['', '{', 'null', '[[[[[[[[[[', '{"a":1e999}'];
		const cases: [keyof CommunityApi, Record<string, string>, string | undefined][] = [
			['joinCohort', {}, d.token], ['savePartners', {}, d.token], ['partnerMatch', {}, d.token], ['enterChallenge', { cid }, d.token],
			['cohortCreate', {}, undefined], ['challengeCreate', {}, admin_token]
		];
		let n = 0;
		for (const [name, params, token] of cases) {
			for (const body of bodies) {
				const res = await call(api[name], { id: d.anonymous_id, token, params, body, method: 'PUT' });
				expect(res.status, `${name} ${JSON.stringify(body)}`).toBeGreaterThanOrEqual(400);
				expect(res.status, `${name} ${JSON.stringify(body)}`).toBeLessThan(500);
				expect(typeof res.body.error.code).toBe('string');
				n++;
			}
			for (const raw of raws) {
				const res = await call(api[name], { id: d.anonymous_id, token, params, raw, method: 'PUT' });
				expect(res.status, `${name} ${raw}`).toBeGreaterThanOrEqual(400);
				expect(res.status).toBeLessThan(500);
				n++;
			}
		}
		const malformedParams: Record<string, string>[] = [{ code: 'x' }, { code: '../../' }, { code: 'ÄÖÜ' }, { cid: 'x' }, { cid: '00000000-0000-0000-0000-000000000000' }, { id: 'nope' }];
		for (const bad of malformedParams) {
			for (const name of ['cohortInfo', 'cohortAdmin', 'cohortCsv', 'cohortDelete', 'myChallenge', 'enterChallenge', 'withdrawChallenge', 'myCohort'] as const) {
				const res = await call(api[name], { id: d.anonymous_id, token: admin_token, params: bad, body: name === 'enterChallenge' ? {} : undefined });
				expect(res.status, `${name} ${JSON.stringify(bad)}`).toBeGreaterThanOrEqual(400);
				expect(res.status).toBeLessThan(500);
				n++;
			}
		}
		expect(n).toBeGreaterThanOrEqual(100);
		expect((await call(api.myCohort, auth(d))).status).toBe(200);
	});

	it('leave deletes everything cohorts, partners and challenges hold about a device', async () => {
		const { code, admin_token } = await cohort();
		const cid = (await call(api.challengeCreate, { token: admin_token, body: { title: 'T', event: 'latency_sprint', division: 'open', starts_at: ago(1), ends_at: ago(-5), cohort_code: code } })).body.id;
		const signup = { nickname: 'Leaver', contact: 'leaver@forum', language: 'nl', utc_offset: 1, level: 'learning', seeking: true };
		const pair: Device[] = [];
		for (let i = 0; i < 3; i++) {
			const d = await member(code, modules(2));
			await device('partners', d);
			pair.push(d);
		}
		const [me, partnerOfMine, other] = pair;
		await call(api.savePartners, { ...auth(partnerOfMine), method: 'PUT', body: { ...signup, nickname: 'Pal' } });
		await call(api.savePartners, { ...auth(me), method: 'PUT', body: signup });
		await call(api.partnerMatch, { ...auth(me), body: { action: 'helped' } });
		await call(api.partnerMatch, { ...auth(partnerOfMine), body: { action: 'helped' } });
		await call(api.partnerMatch, { ...auth(me), body: { action: 'report', reason: 'no_show' } });
		await call(api.savePartners, { ...auth(other), method: 'PUT', body: { ...signup, nickname: 'Other' } });
		await call(api.savePartners, { ...auth(me), method: 'PUT', body: signup });
		await call(api.partnerMatch, { ...auth(me), body: { action: 'block' } });
		const sub = { tinytorch_version: '0.1.0', submission_type: 'capstone', timestamp: new Date().toISOString(), system_info: {}, baseline: { model_name: 'm', metrics: { parameter_count: 10, model_size_mb: 0.1, accuracy: 0.9, latency_ms_mean: 2, latency_ms_std: 0.1, throughput: 500 } } };
		expect((await call(api.enterChallenge, { ...auth(me), method: 'PUT', params: { cid }, body: { submission: sub, nickname: 'Leaver' } })).status).toBe(200);

		const own = (await call(api.getOwn, auth(me))).body;
		expect(own).toMatchObject({ cohort: code, partners: { profile: { nickname: 'Leaver' }, helped_received: 1, blocks_made: 2 }, challenge_entries: [{ nickname: 'Leaver' }] });

		const id = me.anonymous_id;
		const tables = {
			device_consents: 'anonymous_id', cohort_members: 'anonymous_id', progress_weeks: 'anonymous_id', partner_profiles: 'anonymous_id',
			challenge_entries: 'anonymous_id', partner_blocks: 'blocker', partner_reports: 'reporter', helped_marks: 'giver'
		} as const;
		for (const [table, column] of Object.entries(tables)) expect((await db.query(`select 1 from ${table} where ${column} = $1`, [id])).length, table).toBeGreaterThan(0);
		expect(await call(api.deleteOwn, { ...auth(me), method: 'DELETE' })).toMatchObject({ status: 200, body: { deleted: true } });
		for (const [table, column] of Object.entries(tables)) expect(await db.query(`select 1 from ${table} where ${column} = $1`, [id]), table).toEqual([]);
		expect(await db.query('select 1 from partner_matches where a = $1 or b = $1', [id])).toEqual([]);
		expect(await db.query('select 1 from helped_marks where receiver = $1', [id])).toEqual([]);
		expect(await db.query('select 1 from partner_blocks where blocked = $1', [id])).toEqual([]);
		expect((await call(api.myPartners, auth(partnerOfMine))).body).toMatchObject({ match: null, helped_received: 0 });
		expect((await call(api.savePartners, { ...auth(me), method: 'PUT', body: signup })).status).toBe(410);
	});
});
