import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClassSummary, ParticipantView, SequencedEvent } from '$lib/schemas/live';
import type { Db } from '$lib/server/db';
import { classApi, type ClassApi } from '$lib/server/live/api';
import { ClassHub } from '$lib/server/live/hub';
import { testDatabases } from './helpers/databases';
import { readSse, type SseMessage } from './helpers/sse';

const generous = { ip: { burst: 1e6, perMinute: 1e6 } };
type Opts = { code?: string; pid?: string; token?: string; body?: unknown; method?: string; headers?: Record<string, string> };

async function call(handler: ClassApi[Exclude<keyof ClassApi, 'classes'>], o: Opts = {}) {
	const headers: Record<string, string> = { 'content-type': 'application/json', ...(o.token ? { authorization: `Bearer ${o.token}` } : {}), ...o.headers };
	const request = new Request('http://localhost/api/v1/classes', { method: o.method ?? (o.body === undefined ? 'GET' : 'POST'), headers, body: o.body === undefined ? undefined : JSON.stringify(o.body) });
	return handler({ request, ip: '127.0.0.1', params: { code: o.code, pid: o.pid } });
}
const body = async (res: Response) => ({ status: res.status, body: await res.json() });

const summary = (score: number, backend: 'webgpu' | 'wasm-simd' = 'wasm-simd', correct = true): ClassSummary => ({
	result_id: crypto.randomUUID(),
	best_backend: backend,
	best_score: score,
	scores: [{ backend, score }],
	matmul_gflops: [{ backend, gflops: 12.5 }],
	webgpu: backend === 'webgpu' ? { available: true, vendor: 'google', architecture: 'swiftshader', software: true } : { available: false, reason: 'no adapter' },
	correct,
	failures: correct ? [] : ['matmul: wrong answer'],
	duration_ms: 14_200
});

/** The projector's view after these messages: participants by id. */
function projectorState(messages: SseMessage[]): Map<string, ParticipantView> {
	const people = new Map<string, ParticipantView>();
	for (const m of messages) {
		if (m.event === 'snapshot') for (const p of (m.data as { participants: ParticipantView[] }).participants) people.set(p.id, p);
		if (m.event === 'batch')
			for (const e of m.data as SequencedEvent[]) {
				if (e.type === 'participant') people.set(e.participant.id, e.participant);
				if (e.type === 'removed') people.delete(e.id);
			}
	}
	return people;
}

describe.each(testDatabases)('the live classroom on $name', (target) => {
	let db: Db;
	let hub: ClassHub;
	let api: ClassApi;
	let opened: Awaited<ReturnType<typeof target.open>>;
	beforeAll(async () => {
		opened = await target.open();
		db = opened.db;
		hub = new ClassHub(db);
		api = classApi(db, hub, { rules: generous });
	});
	afterAll(async () => {
		await hub.close();
		await opened.cleanup();
	});

	async function newClass(max?: number) {
		const created = max ? await api.classes.create('Test', max) : (await body(await call(api.create, { body: { title: 'Systems 101' } }))).body;
		return created as { code: string; admin_token: string };
	}
	async function join(code: string, nickname?: string) {
		const r = await body(await call(api.join, { code, body: nickname ? { nickname } : {} }));
		expect(r.status).toBe(201);
		return r.body as { participant: ParticipantView; token: string };
	}

	it('creates a run with a readable code; students join under generated nicknames', async () => {
		const { code, admin_token } = await newClass();
		expect(code).toMatch(/^[CDFGHJKMNPQRTVWXY34679]{6}$/);
		expect(admin_token).toMatch(/^[A-Za-z0-9_-]{43}$/);
		const a = await join(code.toLowerCase());
		expect(a.participant.nickname).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+$/);
		const b = await join(code, 'Ada');
		expect(b.participant.nickname).toBe('Ada');
		expect((await body(await call(api.info, { code }))).body).toMatchObject({ title: 'Systems 101', participants: 2, locked: false });
		expect((await call(api.info, { code: 'AAAAAA' })).status).toBe(404);
		expect((await call(api.info, { code: 'CDFGHJ' })).status).toBe(404);
	});

	it('admin controls need the admin token; lock blocks joining; remove takes a student out', async () => {
		const { code, admin_token } = await newClass();
		const a = await join(code);
		expect((await call(api.admin, { code, token: a.token, body: { action: 'lock' } })).status).toBe(403);
		expect((await body(await call(api.admin, { code, token: admin_token, body: { action: 'lock' } }))).body.locked).toBe(true);
		expect(await body(await call(api.join, { code, body: {} }))).toMatchObject({ status: 423, body: { error: { code: 'locked' } } });
		await call(api.admin, { code, token: admin_token, body: { action: 'unlock' } });
		await join(code);
		await call(api.admin, { code, token: admin_token, body: { action: 'remove', participant_id: a.participant.id } });
		const r = await body(await call(api.update, { code, pid: a.participant.id, token: a.token, body: { status: 'running' }, method: 'PATCH' }));
		expect(r).toMatchObject({ status: 403, body: { error: { code: 'removed' } } });
		expect((await body(await call(api.info, { code }))).body.participants).toBe(1);
	});

	it('holds the participant cap, even for a rush of joins at once', async () => {
		const { code } = await newClass(5);
		const statuses = await Promise.all(Array.from({ length: 12 }, () => call(api.join, { code, body: {} }).then((r) => r.status)));
		expect(statuses.filter((s) => s === 201)).toHaveLength(5);
		expect(statuses.filter((s) => s === 409)).toHaveLength(7);
	});

	it('a result marks the student done (or failed when an answer was wrong)', async () => {
		const { code } = await newClass();
		const a = await join(code);
		const b = await join(code);
		expect((await body(await call(api.result, { code, pid: a.participant.id, token: a.token, body: summary(71) }))).body.status).toBe('done');
		expect((await body(await call(api.result, { code, pid: b.participant.id, token: b.token, body: summary(20, 'wasm-simd', false) }))).body.status).toBe('failed');
		expect((await call(api.result, { code, pid: b.participant.id, token: a.token, body: summary(99) })).status).toBe(403);
		expect((await call(api.result, { code, pid: a.participant.id, token: a.token, body: { ...summary(1), best_score: 900 } })).status).toBe(422);
	});

	it('streams to the projector: a snapshot, then grouped updates; a reconnect replays what it missed', async () => {
		const { code, admin_token } = await newClass();
		const early = await join(code, 'Early');
		expect((await call(api.projector, { code, token: 'x'.repeat(43) })).status).toBe(403);
		const stream = await call(api.projector, { code, token: admin_token });
		expect(stream.headers.get('content-type')).toBe('text/event-stream');
		const joining = Promise.all([join(code, 'Second'), join(code, 'Third')]);
		const messages = await readSse(stream, (m) => projectorState(m).size === 3);
		await joining;
		expect(messages[0].event).toBe('snapshot');
		expect([...projectorState(messages).values()].map((p) => p.nickname).sort()).toEqual(['Early', 'Second', 'Third']);
		const lastId = messages.at(-1)!.id!;

		// Offline for a while: a result and a new student arrive; the reconnect gets both.
		await call(api.result, { code, pid: early.participant.id, token: early.token, body: summary(80, 'webgpu') });
		await join(code, 'Fourth');
		const again = await call(api.projector, { code, token: admin_token, headers: { 'last-event-id': lastId } });
		const replay = await readSse(again, (m) => m.some((x) => x.event === 'batch' && (x.data as SequencedEvent[]).some((e) => e.type === 'participant' && e.participant.nickname === 'Fourth')));
		const events = replay.flatMap((m) => m.data as SequencedEvent[]);
		expect(events.every((e) => e.seq > Number(lastId))).toBe(true);
		expect(events.find((e) => e.type === 'participant' && e.participant.nickname === 'Early')).toMatchObject({ participant: { status: 'done', summary: { best_score: 80 } } });
	});

	it('a stream that opens later never makes the others skip events', async () => {
		// A slow hub: the join below is committed while its notice is still on the way.
		const slowHub = new ClassHub(db, 300);
		const slow = classApi(db, slowHub, { rules: generous });
		try {
			const { code, admin_token } = (await body(await call(slow.create, { body: {} }))).body;
			const projector = await call(slow.projector, { code, token: admin_token });
			await new Promise((r) => setTimeout(r, 100));
			const a = (await body(await call(slow.join, { code, body: { nickname: 'Late notice' } }))).body;
			// Opens with the newest seq as its start, before the hub has delivered that event.
			const student = await call(slow.student, { code, pid: a.participant.id, token: a.token });
			const messages = await readSse(projector, (m) => projectorState(m).size === 1, 3000);
			expect([...projectorState(messages).values()].map((p) => p.nickname)).toEqual(['Late notice']);
			await student.body?.cancel();
		} finally {
			await slowHub.close();
		}
	});

	it('sends the start to every waiting student', async () => {
		const { code, admin_token } = await newClass();
		const students = await Promise.all(Array.from({ length: 20 }, () => join(code)));
		const streams = await Promise.all(students.map((s) => call(api.student, { code, pid: s.participant.id, token: s.token })));
		await new Promise((r) => setTimeout(r, 100));
		await call(api.admin, { code, token: admin_token, body: { action: 'start' } });
		const got = await Promise.all(streams.map((s) => readSse(s, (m) => m.some((x) => x.event === 'class'))));
		for (const m of got) expect((m.find((x) => x.event === 'class')!.data as { info: { started_at: string } }).info.started_at).not.toBeNull();
	});

	it('downloads a CSV with one row per student, formulas defused', async () => {
		const { code, admin_token } = await newClass();
		const a = await join(code, '=HYPERLINK("http://evil")');
		await join(code, 'Plain');
		await call(api.result, { code, pid: a.participant.id, token: a.token, body: summary(64) });
		expect((await call(api.csv, { code, token: a.token })).status).toBe(403);
		const res = await call(api.csv, { code, token: admin_token });
		expect(res.headers.get('content-type')).toMatch(/text\/csv/);
		const lines = (await res.text()).trim().split('\r\n');
		expect(lines).toHaveLength(3);
		expect(lines[0].split(',').slice(0, 8)).toEqual(['nickname', 'joined_at', 'status', 'removed', 'adapter', 'software_renderer', 'best_backend', 'best_score']);
		expect(lines[1]).toMatch(/^"'=HYPERLINK\(""http:\/\/evil""\)",/);
		expect(lines[1]).toContain(',done,');
	});

	it('expires runs after their time, with everything in them', async () => {
		const { code } = await newClass();
		await join(code);
		await db.query("update classes set expires_at = now() - interval '1 minute' where code = $1", [code]);
		expect((await call(api.info, { code })).status).toBe(404);
		expect(await api.classes.expire()).toBeGreaterThanOrEqual(1);
		expect(await db.query('select 1 from participants where class_code = $1', [code])).toEqual([]);
		expect(await db.query('select 1 from class_events where class_code = $1', [code])).toEqual([]);
	});

	it.runIf(target.name === 'postgres')('two app instances: a student on A appears on a projector connected to B', async () => {
		const other = await opened.second!();
		const hubB = new ClassHub(other.db);
		const apiB = classApi(other.db, hubB, { rules: generous });
		try {
			const { code, admin_token } = await newClass();
			const stream = await call(apiB.projector, { code, token: admin_token });
			// B has sent its snapshot and listens before A takes the join.
			const joined = new Promise((r) => setTimeout(r, 500)).then(() => join(code, 'From A'));
			const messages = await readSse(stream, (m) => [...projectorState(m).values()].some((p) => p.nickname === 'From A'));
			await joined;
			expect(messages[0].event).toBe('snapshot');
			expect([...projectorState(messages).values()].map((p) => p.nickname)).toContain('From A');
		} finally {
			await hubB.close();
		}
	});
});
