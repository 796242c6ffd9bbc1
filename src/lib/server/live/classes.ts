import { randomBytes, randomUUID } from 'node:crypto';
import { generateCode } from '$lib/live/codes';
import { generateNickname } from '$lib/live/nicknames';
import type { AdminAction, ClassEvent, ClassInfo, ClassSummary, ParticipantStatus, ParticipantView, SequencedEvent } from '$lib/schemas/live';
import type { Db, Queryable } from '../db';
import { sameHash, sha256 } from '../hash';
import { ApiError } from '../http';
import { eventOf, type ClassHub } from './hub';

export const CLASS_TTL_MS = Number(process.env.CLASS_TTL_HOURS ?? 24) * 3600_000;
export const MAX_PARTICIPANTS = Number(process.env.CLASS_MAX_PARTICIPANTS ?? 2000);

const newToken = () => randomBytes(32).toString('base64url');
const notFound = () => new ApiError(404, 'not_found', 'There is no class run with that code (it may have ended more than a day ago). Check the code on the screen.');

interface ClassRow {
	code: string;
	admin_hash: string;
	title: string | null;
	locked: boolean;
	top_n: number;
	max_participants: number;
	started_at: Date | string | null;
	ended_at: Date | string | null;
	expires_at: Date | string;
}
const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

async function classRow(q: Queryable, code: string): Promise<ClassRow> {
	const [row] = await q.query<ClassRow>('select * from classes where code = $1 and expires_at > now()', [code]);
	if (!row) throw notFound();
	return row;
}

function infoOf(row: ClassRow): Omit<ClassInfo, 'participants'> {
	return {
		code: row.code,
		title: row.title,
		locked: row.locked,
		top_n: row.top_n,
		started_at: iso(row.started_at),
		ended_at: iso(row.ended_at),
		expires_at: iso(row.expires_at)!,
		max_participants: row.max_participants
	};
}

interface ParticipantRow {
	id: string;
	nickname: string;
	status: ParticipantStatus;
	removed: boolean;
	summary: unknown;
	token_hash: string;
	joined_at: Date | string;
}
const viewOf = (p: ParticipantRow): ParticipantView => ({
	id: p.id,
	nickname: p.nickname,
	status: p.status,
	summary: (typeof p.summary === 'string' ? JSON.parse(p.summary) : p.summary) as ClassSummary | null
});

/** Every live change: one row in the event log, inside the writer's transaction. */
async function record(tx: Queryable, code: string, event: ClassEvent): Promise<void> {
	await tx.query('insert into class_events (class_code, type, payload) values ($1, $2, $3)', [code, event.type, JSON.stringify(event)]);
}

export class Classes {
	constructor(private db: Db, private hub: ClassHub) {}

	async #write<T>(code: string, fn: (tx: Queryable) => Promise<T>): Promise<T> {
		const out = await this.db.transaction(fn);
		this.hub.poke(code);
		return out;
	}

	/** Deletes runs older than their expiry, with everything in them. */
	async expire(): Promise<number> {
		return (await this.db.query('delete from classes where expires_at <= now() returning code')).length;
	}

	async create(title: string | undefined, maxParticipants = MAX_PARTICIPANTS): Promise<{ code: string; admin_token: string; info: ClassInfo }> {
		await this.expire();
		const token = newToken();
		for (let attempt = 0; attempt < 20; attempt++) {
			const code = generateCode();
			const rows = await this.db.query<ClassRow>(
				`insert into classes (code, admin_hash, title, max_participants, expires_at) values ($1, $2, $3, $4, $5)
				 on conflict (code) do nothing returning *`,
				[code, sha256(token), title || null, maxParticipants, new Date(Date.now() + CLASS_TTL_MS).toISOString()]
			);
			if (rows.length) return { code, admin_token: token, info: { ...infoOf(rows[0]), participants: 0 } };
		}
		throw new Error('no free class code after 20 tries');
	}

	async info(code: string): Promise<ClassInfo> {
		const row = await classRow(this.db, code);
		const [{ n }] = await this.db.query<{ n: number }>('select count(*)::int as n from participants where class_code = $1 and not removed', [code]);
		return { ...infoOf(row), participants: n };
	}

	async #admin(q: Queryable, code: string, token: string): Promise<ClassRow> {
		const row = await classRow(q, code);
		if (!sameHash(row.admin_hash, sha256(token))) throw new ApiError(403, 'forbidden', 'Only the instructor who started this run can do that.');
		return row;
	}

	async join(code: string, nickname: string | undefined): Promise<{ participant: ParticipantView; token: string; info: ClassInfo }> {
		const token = newToken();
		const participant = await this.#write(code, async (tx) => {
			// The row lock orders joins, so the participant cap holds under a rush.
			const [row] = await tx.query<ClassRow>('select * from classes where code = $1 and expires_at > now() for update', [code]);
			if (!row) throw notFound();
			if (row.ended_at) throw new ApiError(410, 'ended', 'This class run has ended.');
			if (row.locked) throw new ApiError(423, 'locked', 'The instructor has closed joining for this run.');
			const [{ n }] = await tx.query<{ n: number }>('select count(*)::int as n from participants where class_code = $1', [code]);
			if (n >= row.max_participants) throw new ApiError(409, 'full', `This run is full (${row.max_participants} people).`);
			const [p] = await tx.query<ParticipantRow>(
				'insert into participants (class_code, id, token_hash, nickname) values ($1, $2, $3, $4) returning *',
				[code, randomUUID(), sha256(token), nickname || generateNickname()]
			);
			const view = viewOf(p);
			await record(tx, code, { type: 'participant', participant: view });
			return view;
		});
		return { participant, token, info: await this.info(code) };
	}

	async #participant(q: Queryable, code: string, id: string, token: string): Promise<ParticipantRow> {
		await classRow(q, code);
		const [p] = await q.query<ParticipantRow>('select * from participants where class_code = $1 and id = $2', [code, id]);
		if (!p || !sameHash(p.token_hash, sha256(token))) throw new ApiError(403, 'forbidden', 'That is not your place in this class.');
		if (p.removed) throw new ApiError(403, 'removed', 'The instructor removed you from this run.');
		return p;
	}

	/** The student's own view: their place, and the run. */
	async me(code: string, id: string, token: string): Promise<{ participant: ParticipantView; info: ClassInfo }> {
		return { participant: viewOf(await this.#participant(this.db, code, id, token)), info: await this.info(code) };
	}

	async update(code: string, id: string, token: string, change: { nickname?: string; status?: ParticipantStatus; summary?: ClassSummary }): Promise<ParticipantView> {
		return this.#write(code, async (tx) => {
			await this.#participant(tx, code, id, token);
			const status = change.summary ? (change.summary.correct && change.summary.best_score !== null ? 'done' : 'failed') : change.status;
			const [p] = await tx.query<ParticipantRow>(
				`update participants set nickname = coalesce($3, nickname), status = coalesce($4, status),
				   summary = coalesce($5, summary), updated_at = now()
				 where class_code = $1 and id = $2 returning *`,
				[code, id, change.nickname ?? null, status ?? null, change.summary ? JSON.stringify(change.summary) : null]
			);
			const view = viewOf(p);
			await record(tx, code, { type: 'participant', participant: view });
			return view;
		});
	}

	async act(code: string, token: string, a: AdminAction): Promise<ClassInfo> {
		await this.#write(code, async (tx) => {
			await this.#admin(tx, code, token);
			if (a.action === 'remove') {
				const rows = await tx.query('update participants set removed = true where class_code = $1 and id = $2 returning id', [code, a.participant_id]);
				if (!rows.length) throw new ApiError(404, 'not_found', 'No such participant in this run.');
				await record(tx, code, { type: 'removed', id: a.participant_id });
				return;
			}
			const set = {
				lock: 'locked = true',
				unlock: 'locked = false',
				start: 'started_at = now()',
				end: 'ended_at = now(), locked = true',
				top_n: 'top_n = $2'
			}[a.action];
			const [row] = await tx.query<ClassRow>(`update classes set ${set} where code = $1 returning *`, a.action === 'top_n' ? [code, a.n] : [code]);
			await record(tx, code, { type: 'class', info: infoOf(row) });
		});
		return this.info(code);
	}

	async remove(code: string, token: string): Promise<void> {
		await this.#admin(this.db, code, token);
		await this.db.query('delete from classes where code = $1', [code]);
	}

	async checkAdmin(code: string, token: string): Promise<void> {
		await this.#admin(this.db, code, token);
	}

	async checkParticipant(code: string, id: string, token: string): Promise<void> {
		await this.#participant(this.db, code, id, token);
	}

	/** The projector's starting point: everyone now, and the seq to stream from. */
	async snapshot(code: string): Promise<{ info: ClassInfo; participants: ParticipantView[]; seq: number }> {
		return this.db.transaction(async (tx) => {
			const [{ seq }] = await tx.query<{ seq: string | null }>('select max(seq) as seq from class_events where class_code = $1', [code]);
			const rows = await tx.query<ParticipantRow>('select * from participants where class_code = $1 and not removed order by joined_at', [code]);
			const row = await classRow(tx, code);
			return { info: { ...infoOf(row), participants: rows.length }, participants: rows.map(viewOf), seq: Number(seq ?? 0) };
		});
	}

	/** Events after `seq`: what a stream that reconnects with Last-Event-ID missed. */
	async since(code: string, seq: number): Promise<SequencedEvent[]> {
		const rows = await this.db.query<{ seq: string; payload: unknown }>('select seq, payload from class_events where class_code = $1 and seq > $2 order by seq', [code, seq]);
		return rows.map(eventOf);
	}

	async lastSeq(code: string): Promise<number> {
		const [{ seq }] = await this.db.query<{ seq: string | null }>('select max(seq) as seq from class_events where class_code = $1', [code]);
		return Number(seq ?? 0);
	}

	/** Everyone who took part, for the instructor's spreadsheet. */
	async participantsForCsv(code: string, token: string): Promise<(ParticipantView & { joined_at: string; removed: boolean })[]> {
		await this.#admin(this.db, code, token);
		const rows = await this.db.query<ParticipantRow>('select * from participants where class_code = $1 order by joined_at', [code]);
		return rows.map((p) => ({ ...viewOf(p), joined_at: new Date(p.joined_at).toISOString(), removed: p.removed }));
	}
}
