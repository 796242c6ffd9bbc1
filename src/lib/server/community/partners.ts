import { randomUUID } from 'node:crypto';
import { bestPartner, MATCH_RULES, type Seeker } from '$lib/community/matching';
import type { LevelId } from '$lib/community/levels';
import type { MatchAction, PartnerSignup, PartnerView } from '$lib/schemas/partners';
import type { Db, Queryable } from '../db';
import { ApiError } from '../http';
import { cohortInfo, cohortOf } from './cohorts';
import { dropIfUnconsented, requireConsent } from './devices';

const days = (name: string, d: number) => Number(process.env[name] ?? d);

export const PARTNER_RULES = {
	/** Waiting in the pool stops after this long without a renewal, so the pool holds people who still want a partner. */
	seekDays: days('PARTNER_SEEK_DAYS', 30),
	/** Ended matches are kept this long, only so the same two are not matched again. */
	historyDays: days('PARTNER_HISTORY_DAYS', 180),
	/** Reports from this many different students pause a device's matching. */
	reportLimit: days('PARTNER_REPORT_LIMIT', 3)
};

// Any constant: one matching at a time, so two sign-ups never take the same partner.
const MATCH_LOCK = 7_411_021;
const ACTIVE = 'x.ended_at is null and x.expires_at > now()';
const iso = (d: Date | string) => new Date(d).toISOString();

interface ProfileRow {
	nickname: string;
	contact: string;
	language: string;
	utc_offset: number;
	level: LevelId;
	seeking: boolean;
	seeking_until: Date | string | null;
	updated_at: Date | string;
}

interface MatchRow {
	id: string;
	other: string;
	created_at: Date | string;
	expires_at: Date | string;
}

async function activeMatch(q: Queryable, id: string): Promise<MatchRow | null> {
	const [row] = await q.query<MatchRow>(
		`select x.id::text as id, (case when x.a = $1 then x.b else x.a end)::text as other, x.created_at, x.expires_at
		 from partner_matches x where (x.a = $1 or x.b = $1) and ${ACTIVE}`,
		[id]
	);
	return row ?? null;
}

async function reportCount(q: Queryable, id: string): Promise<number> {
	const [row] = await q.query<{ n: number }>('select count(*)::int as n from partner_reports where reported = $1', [id]);
	return row.n;
}

const pausedText = 'Partner matching is paused for this device: several students reported a problem with a match. Your current data stays; you can still withdraw and delete it.';

/** What the student sees: their own settings, their partner's nickname and contact (nothing else), and thanks received. */
export async function partnerView(q: Queryable, id: string): Promise<PartnerView> {
	await requireConsent(q, id, 'partners');
	const [profile] = await q.query<ProfileRow>('select * from partner_profiles where anonymous_id = $1', [id]);
	const code = await cohortOf(q, id);
	const pool = code ? await cohortInfo(q, code).then((c) => ({ code: c.code, title: c.title })) : null;
	const [helped] = await q.query<{ n: number }>('select count(*)::int as n from helped_marks where receiver = $1', [id]);
	const paused = (await reportCount(q, id)) >= PARTNER_RULES.reportLimit ? pausedText : null;
	const view: PartnerView = { profile: null, pool, match: null, last_ended: null, helped_received: helped.n, paused };
	if (!profile) return view;
	const { nickname, contact, language, utc_offset, level, seeking } = profile;
	// Waiting stops at `seeking_until`: the student is asked to look again rather than kept in the pool unseen.
	const stillSeeking = seeking && !!profile.seeking_until && new Date(profile.seeking_until) > new Date();
	view.profile = { nickname, contact, language, utc_offset, level, seeking: stillSeeking, seeking_until: profile.seeking_until ? iso(profile.seeking_until) : null };
	const match = await activeMatch(q, id);
	if (match) {
		const [other] = await q.query<{ nickname: string; contact: string }>('select nickname, contact from partner_profiles where anonymous_id = $1', [match.other]);
		const [mark] = await q.query('select 1 from helped_marks where match_id = $1 and giver = $2', [match.id, id]);
		view.match = {
			id: match.id,
			nickname: other?.nickname ?? '',
			contact: other?.contact ?? '',
			since: iso(match.created_at),
			expires_at: iso(match.expires_at),
			helped_by_me: !!mark
		};
		return view;
	}
	// A match that ended since the student last changed their settings: say so once, without saying why.
	const [ended] = await q.query<{ reason: 'ended' | 'expired' | null }>(
		`select x.ended_reason as reason from partner_matches x
		 where (x.a = $1 or x.b = $1) and not (${ACTIVE}) and coalesce(x.ended_at, x.expires_at) > $2
		 order by coalesce(x.ended_at, x.expires_at) desc limit 1`,
		[id, profile.updated_at]
	);
	if (ended) view.last_ended = ended.reason ?? 'expired';
	return view;
}

/** Opt-in or a change of settings; a student who is seeking is matched right away when someone fits. */
export async function savePartnerProfile(db: Db, id: string, s: PartnerSignup): Promise<PartnerView> {
	await requireConsent(db, id, 'partners');
	await db.query(
		`insert into partner_profiles (anonymous_id, nickname, contact, language, utc_offset, level, seeking, seeking_until, updated_at)
		 values ($1, $2, $3, $4, $5, $6, $7, case when $7 then now() + make_interval(days => $8) end, now())
		 on conflict (anonymous_id) do update set nickname = excluded.nickname, contact = excluded.contact, language = excluded.language,
		   utc_offset = excluded.utc_offset, level = excluded.level, seeking = excluded.seeking, seeking_until = excluded.seeking_until, updated_at = now()`,
		[id, s.nickname, s.contact, s.language, s.utc_offset, s.level, s.seeking, PARTNER_RULES.seekDays]
	);
	if (s.seeking) await findPartner(db, id);
	return partnerView(db, id);
}

/** Matches `id` with the best waiting partner, if there is one. */
async function findPartner(db: Db, id: string): Promise<void> {
	await db.transaction(async (tx) => {
		await tx.query('select pg_advisory_xact_lock($1)', [MATCH_LOCK]);
		const [me] = await tx.query<ProfileRow>('select * from partner_profiles where anonymous_id = $1 and seeking and seeking_until > now()', [id]);
		if (!me || (await activeMatch(tx, id)) || (await reportCount(tx, id)) >= PARTNER_RULES.reportLimit) return;
		const pool = await cohortOf(tx, id);
		// The SQL narrows by pool, language and offset so it reads few rows; matching.ts decides.
		const rows = await tx.query<ProfileRow & { id: string; pool: string | null }>(
			`select p.*, p.anonymous_id::text as id, m.cohort_code as pool
			 from partner_profiles p left join cohort_members m on m.anonymous_id = p.anonymous_id
			 where p.seeking and p.seeking_until > now() and p.anonymous_id <> $1
			   and p.language = $2 and p.utc_offset between $3::int - $6::int and $3::int + $6::int
			   and m.cohort_code is not distinct from $4::text
			   and exists (select 1 from device_consents c where c.anonymous_id = p.anonymous_id and c.scope = 'partners')
			   and not exists (select 1 from partner_matches x where (x.a = p.anonymous_id or x.b = p.anonymous_id) and ${ACTIVE})
			   and not exists (select 1 from partner_matches x where x.a = least($1::uuid, p.anonymous_id) and x.b = greatest($1::uuid, p.anonymous_id))
			   and not exists (select 1 from partner_blocks k where (k.blocker = $1 and k.blocked = p.anonymous_id) or (k.blocker = p.anonymous_id and k.blocked = $1))
			   and (select count(*) from partner_reports r where r.reported = p.anonymous_id) < $5
			 order by p.updated_at limit 500`,
			[id, me.language, me.utc_offset, pool, PARTNER_RULES.reportLimit, MATCH_RULES.maxOffsetHours]
		);
		const seeker = (r: ProfileRow, rid: string, rpool: string | null): Seeker => ({
			id: rid, pool: rpool, language: r.language, utc_offset: r.utc_offset, level: r.level, since: iso(r.updated_at)
		});
		const partner = bestPartner(seeker(me, id, pool), rows.map((r) => seeker(r, r.id, r.pool)));
		if (!partner) return;
		await tx.query(
			`insert into partner_matches (id, a, b, expires_at) values ($1, least($2::uuid, $3::uuid), greatest($2::uuid, $3::uuid), now() + make_interval(days => $4))`,
			[randomUUID(), id, partner.id, MATCH_RULES.matchDays]
		);
		await tx.query('update partner_profiles set seeking = false, seeking_until = null where anonymous_id in ($1, $2)', [id, partner.id]);
	});
}

/** End, thank, block or report the current partner. Ending makes the match disappear for both. */
export async function matchAction(db: Db, id: string, action: MatchAction): Promise<PartnerView> {
	await requireConsent(db, id, 'partners');
	await db.transaction(async (tx) => {
		const match = await activeMatch(tx, id);
		if (!match) throw new ApiError(409, 'no_match', 'You have no study partner right now (the match may have ended or expired). Reload to see where things stand.');
		if (action.action === 'helped') {
			await tx.query('insert into helped_marks (match_id, giver, receiver) values ($1, $2, $3) on conflict do nothing', [match.id, id, match.other]);
			return;
		}
		if (action.action === 'block' || action.action === 'report') {
			await tx.query('insert into partner_blocks (blocker, blocked) values ($1, $2) on conflict do nothing', [id, match.other]);
		}
		if (action.action === 'report') {
			await tx.query(
				'insert into partner_reports (reporter, reported, reason) values ($1, $2, $3) on conflict (reporter, reported) do update set reason = excluded.reason',
				[id, match.other, action.reason]
			);
		}
		await tx.query(`update partner_matches set ended_at = now(), ended_reason = 'ended' where id = $1`, [match.id]);
	});
	return partnerView(db, id);
}

/**
 * Withdraw from partner matching: the profile, every match, block, report and "helped" mark of
 * this device go, with the consent. Blocks and reports others made about it stay while it
 * exists, so they still protect their authors. A device that agreed to nothing else goes too.
 */
export async function leavePartners(db: Db, id: string): Promise<{ deleted: true; device_deleted: boolean }> {
	await requireConsent(db, id, 'partners');
	return db.transaction(async (tx) => {
		await tx.query('delete from partner_profiles where anonymous_id = $1', [id]);
		await tx.query('delete from partner_matches where a = $1 or b = $1', [id]);
		await tx.query('delete from partner_blocks where blocker = $1', [id]);
		await tx.query('delete from partner_reports where reporter = $1', [id]);
		await tx.query('delete from helped_marks where giver = $1 or receiver = $1', [id]);
		await tx.query(`delete from device_consents where anonymous_id = $1 and scope = 'partners'`, [id]);
		return { deleted: true as const, device_deleted: await dropIfUnconsented(tx, id) };
	});
}

/** Marks matches past their time as expired and forgets old ended ones. */
export async function sweepPartners(db: Db): Promise<{ expired: number; forgotten: number }> {
	const expired = await db.query(`update partner_matches set ended_at = expires_at, ended_reason = 'expired' where ended_at is null and expires_at <= now() returning id`);
	const forgotten = await db.query(
		`delete from partner_matches where ended_at is not null and ended_at < now() - make_interval(days => $1) returning id`,
		[PARTNER_RULES.historyDays]
	);
	return { expired: expired.length, forgotten: forgotten.length };
}

/** For "get my data": everything partner matching holds about this device. */
export async function partnerData(q: Queryable, id: string) {
	const [profile] = await q.query('select nickname, contact, language, utc_offset, level, seeking, seeking_until, updated_at from partner_profiles where anonymous_id = $1', [id]);
	const matches = await q.query('select id, created_at, expires_at, ended_at, ended_reason from partner_matches where a = $1 or b = $1', [id]);
	const blocks = await q.query<{ n: number }>('select count(*)::int as n from partner_blocks where blocker = $1', [id]);
	const reports = await q.query('select reason, created_at from partner_reports where reporter = $1', [id]);
	const helped = await q.query<{ n: number }>('select count(*)::int as n from helped_marks where receiver = $1', [id]);
	return { profile: profile ?? null, matches, blocks_made: blocks[0].n, reports_made: reports, helped_received: helped[0].n };
}
