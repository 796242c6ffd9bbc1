import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { EVENT_SCALES } from '$lib/community/bins';
import { aheadOf, compareEntries, neighbourWindow, percentileBand } from '$lib/community/relative';
import type { ChallengeInfo, ChallengeView, CreateChallenge } from '$lib/schemas/challenge';
import type { Module20Submission } from '$lib/schemas/module20';
import type { Db, Queryable } from '../db';
import { sameHash, sha256 } from '../hash';
import { ApiError } from '../http';
import { checkChallengeDates, entryValue } from './challenge-rules';
import { checkOrganiser, cohortCode, cohortOf } from './cohorts';
import { requireConsent } from './devices';
import { suppressedHistogram } from './histogram';

interface ChallengeRow {
	id: string;
	cohort_code: string | null;
	cohort_title: string | null;
	title: string;
	event: ChallengeInfo['event'];
	division: ChallengeInfo['division'];
	starts_at: Date | string;
	ends_at: Date | string;
}

const SELECT = `select c.id::text as id, c.cohort_code, k.title as cohort_title, c.title, c.event, c.division, c.starts_at, c.ends_at
	from challenges c left join cohorts k on k.code = c.cohort_code`;
const iso = (d: Date | string) => new Date(d).toISOString();

function infoOf(r: ChallengeRow, now: Date): ChallengeInfo {
	const starts = iso(r.starts_at);
	const ends = iso(r.ends_at);
	const t = now.toISOString();
	return {
		id: r.id,
		title: r.title,
		event: r.event,
		division: r.division,
		starts_at: starts,
		ends_at: ends,
		cohort: r.cohort_code ? { code: r.cohort_code, title: r.cohort_title ?? r.cohort_code } : null,
		status: t < starts ? 'upcoming' : t < ends ? 'open' : 'closed'
	};
}

/** The site admin's token, from ADMIN_TOKEN (32 random bytes, base64url): challenges for everyone. */
function isSiteAdmin(token: string): boolean {
	const admin = process.env.ADMIN_TOKEN;
	return !!admin && sameHash(sha256(admin), sha256(token));
}

/** An organiser defines a challenge for their cohort; the site admin, one for everyone. */
export async function createChallenge(db: Db, token: string, c: CreateChallenge, now = new Date()): Promise<ChallengeInfo> {
	const code = c.cohort_code === undefined ? null : cohortCode(c.cohort_code);
	if (code) await checkOrganiser(db, code, token);
	else if (!isSiteAdmin(token)) throw new ApiError(403, 'forbidden', 'Only the site admin can create a challenge for everyone; organisers create them for their cohort (give its code).');
	const { starts, ends } = checkChallengeDates(c, now);
	const id = randomUUID();
	await db.query('insert into challenges (id, cohort_code, title, event, division, starts_at, ends_at) values ($1, $2, $3, $4, $5, $6, $7)', [
		id, code, c.title, c.event, c.division, starts.toISOString(), ends.toISOString()
	]);
	return (await challengeRows(db, 'where c.id = $1', [id], now))[0];
}

async function challengeRows(q: Queryable, where: string, params: unknown[], now: Date): Promise<ChallengeInfo[]> {
	const rows = await q.query<ChallengeRow>(`${SELECT} ${where} order by c.starts_at desc`, params);
	return rows.map((r) => infoOf(r, now));
}

// Closed challenges stay listed for a while, so their distributions can be looked back at.
const RECENT = `c.ends_at > now() - interval '60 days'`;

/** Challenges for everyone: what anyone may browse, without sending anything about themselves. */
export const publicChallenges = (q: Queryable, now = new Date()) => challengeRows(q, `where c.cohort_code is null and ${RECENT}`, [], now);

/** The challenges this device can enter (everyone's and its cohort's), with whether it has entered. */
export async function deviceChallenges(q: Queryable, id: string, now = new Date()): Promise<(ChallengeInfo & { entered: boolean })[]> {
	await requireConsent(q, id, 'sync');
	const code = await cohortOf(q, id);
	const list = await challengeRows(q, `where (c.cohort_code is null or c.cohort_code = $1) and ${RECENT}`, [code], now);
	const entered = new Set((await q.query<{ id: string }>('select challenge_id::text as id from challenge_entries where anonymous_id = $1', [id])).map((r) => r.id));
	return list.map((c) => ({ ...c, entered: entered.has(c.id) }));
}

const challengeId = (cid: string | undefined) => {
	if (!z.uuid().safeParse(cid).success) throw new ApiError(404, 'not_found', 'There is no such challenge.');
	return cid!;
};

/** A challenge this device may see: everyone's, or its own cohort's. */
async function challengeFor(q: Queryable, id: string, cid: string | undefined, now: Date): Promise<ChallengeInfo> {
	await requireConsent(q, id, 'sync');
	const [c] = await challengeRows(q, 'where c.id = $1', [challengeId(cid)], now);
	if (!c || (c.cohort && c.cohort.code !== (await cohortOf(q, id)))) throw new ApiError(404, 'not_found', 'There is no such challenge for you (cohort challenges are for that cohort’s members).');
	return c;
}

interface EntryRow {
	id: string;
	value: number;
	nickname: string | null;
	at: string;
}

async function entries(q: Queryable, cid: string): Promise<EntryRow[]> {
	return q.query<EntryRow>(
		`select anonymous_id::text as id, value, nickname, to_char(submitted_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at from challenge_entries where challenge_id = $1`,
		[cid]
	);
}

/** The distribution of every entry; with `viewer`, their value, band and (if they opted in) their ±3 neighbours. */
function viewOf(c: ChallengeInfo, all: EntryRow[], viewer: string | null, min: number): ChallengeView {
	const scale = EVENT_SCALES[c.event];
	const view: ChallengeView = {
		challenge: c,
		min_cell: min,
		unit: scale.unit,
		better: scale.better,
		distribution: suppressedHistogram(scale.bins.labels, all.map((e) => scale.bins.of(e.value)), min),
		you: null
	};
	const me = all.find((e) => e.id === viewer);
	if (!me) return view;
	// Only students who show themselves see (and appear among) their neighbours.
	const shown = all.filter((e) => e.nickname !== null).sort(compareEntries(scale.better));
	const index = shown.findIndex((e) => e.id === me.id);
	view.you = {
		value: me.value,
		bin: scale.bins.of(me.value),
		submitted_at: me.at,
		band: all.length >= min ? percentileBand(aheadOf(all.map((e) => e.value), me.value, scale.better), all.length) : null,
		neighbours: index < 0 ? null : neighbourWindow(shown, index).map((n) => ({ nickname: n.entry.nickname!, value: n.entry.value, offset: n.offset }))
	};
	return view;
}

export async function challengeView(q: Queryable, id: string, cid: string | undefined, min: number, now = new Date()): Promise<ChallengeView> {
	const c = await challengeFor(q, id, cid, now);
	return viewOf(c, await entries(q, c.id), id, min);
}

/** Enters a capstone result (a Module 20 submission), re-validated here; a new entry replaces the old. */
export async function enterChallenge(
	db: Db,
	id: string,
	cid: string | undefined,
	entry: { submission: Module20Submission; nickname: string | null },
	opts: { min: number; shipped: Set<string>; now?: Date }
): Promise<ChallengeView> {
	const now = opts.now ?? new Date();
	const c = await challengeFor(db, id, cid, now);
	const value = entryValue(c, entry.submission, opts.shipped, now);
	await db.query(
		`insert into challenge_entries (challenge_id, anonymous_id, value, nickname, submitted_at, body) values ($1, $2, $3, $4, now(), $5)
		 on conflict (challenge_id, anonymous_id) do update set value = excluded.value, nickname = excluded.nickname, submitted_at = now(), body = excluded.body`,
		[c.id, id, value, entry.nickname, JSON.stringify(entry.submission)]
	);
	return viewOf(c, await entries(db, c.id), id, opts.min);
}

export async function withdrawEntry(db: Db, id: string, cid: string | undefined): Promise<{ deleted: boolean }> {
	await requireConsent(db, id, 'sync');
	const rows = await db.query('delete from challenge_entries where challenge_id = $1 and anonymous_id = $2 returning value', [challengeId(cid), id]);
	return { deleted: rows.length > 0 };
}

/** The organiser's look at their cohort's challenges: distributions only. */
export async function cohortChallenges(q: Queryable, code: string, min: number, now = new Date()): Promise<ChallengeView[]> {
	const list = await challengeRows(q, 'where c.cohort_code = $1', [code], now);
	return Promise.all(list.map(async (c) => viewOf(c, await entries(q, c.id), null, min)));
}

/** For "get my data". */
export async function challengeData(q: Queryable, id: string) {
	return q.query('select challenge_id, value, nickname, submitted_at, body from challenge_entries where anonymous_id = $1', [id]);
}
