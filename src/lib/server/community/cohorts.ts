import { randomBytes } from 'node:crypto';
import { MILESTONE_BINS, MODULE_BINS } from '$lib/community/bins';
import { LEVELS } from '$lib/community/levels';
import { weekOf } from '$lib/community/streaks';
import { generateCode, isAcceptableCode, normalizeCode } from '$lib/live/codes';
import type { CohortAdminView, CohortInfo, CohortView, CohortWeek } from '$lib/schemas/cohort';
import type { Db, Queryable } from '../db';
import { sameHash, sha256 } from '../hash';
import { ApiError } from '../http';
import { requireConsent } from './devices';
import { suppressedHistogram } from './histogram';
import { suppressTable } from './suppression';

export const COHORT_TTL_MS = Number(process.env.COHORT_TTL_DAYS ?? 400) * 86_400_000;
/** Weeks the organiser's view goes back. */
export const COHORT_WEEKS = 12;

const notFound = () =>
	new ApiError(404, 'not_found', 'There is no cohort with that code. Check the code you were given: 6 letters and digits, like CDF-GHJ.');

/** The code as typed, normalised; 404 for anything we never issue. */
export function cohortCode(typed: string | undefined): string {
	const code = normalizeCode(typed ?? '');
	if (!isAcceptableCode(code)) throw notFound();
	return code;
}

interface CohortRow {
	code: string;
	admin_hash: string;
	title: string;
	created_at: Date | string;
	expires_at: Date | string;
}
const iso = (d: Date | string) => new Date(d).toISOString();
const infoOf = (r: CohortRow): CohortInfo => ({ code: r.code, title: r.title, created_at: iso(r.created_at), expires_at: iso(r.expires_at) });

async function cohortRow(q: Queryable, code: string): Promise<CohortRow> {
	const [row] = await q.query<CohortRow>('select * from cohorts where code = $1 and expires_at > now()', [code]);
	if (!row) throw notFound();
	return row;
}

export const cohortInfo = async (q: Queryable, code: string) => infoOf(await cohortRow(q, code));

/** A new cohort and the organiser's token (shown once; the server keeps only its hash). */
export async function createCohort(db: Db, title: string): Promise<{ code: string; admin_token: string; cohort: CohortInfo }> {
	const token = randomBytes(32).toString('base64url');
	for (;;) {
		const [row] = await db.query<CohortRow>(
			'insert into cohorts (code, admin_hash, title, expires_at) values ($1, $2, $3, $4) on conflict (code) do nothing returning *',
			[generateCode(), sha256(token), title, new Date(Date.now() + COHORT_TTL_MS).toISOString()]
		);
		if (row) return { code: row.code, admin_token: token, cohort: infoOf(row) };
	}
}

/** The cohort, if `token` is its organiser's. */
export async function checkOrganiser(q: Queryable, code: string, token: string): Promise<CohortInfo> {
	const row = await cohortRow(q, code);
	if (!sameHash(row.admin_hash, sha256(token))) throw new ApiError(403, 'forbidden', 'Only the organiser who created this cohort can do that (with the key saved in their browser).');
	return infoOf(row);
}

export async function deleteCohort(db: Db, code: string, token: string): Promise<void> {
	await checkOrganiser(db, code, token);
	await db.query('delete from cohorts where code = $1', [code]);
}

export async function expireCohorts(db: Db): Promise<number> {
	return (await db.query('delete from cohorts where expires_at <= now() returning code')).length;
}

/** Joins (or moves to) the cohort; a device is in one cohort at a time. Needs sync. */
export async function joinCohort(db: Db, id: string, code: string): Promise<CohortInfo> {
	await requireConsent(db, id, 'sync');
	const info = await cohortInfo(db, code);
	await db.query(
		`insert into cohort_members (anonymous_id, cohort_code) values ($1, $2)
		 on conflict (anonymous_id) do update set cohort_code = excluded.cohort_code, joined_at = case when cohort_members.cohort_code = excluded.cohort_code then cohort_members.joined_at else now() end`,
		[id, code]
	);
	return info;
}

export async function leaveCohort(db: Db, id: string): Promise<void> {
	await db.query('delete from cohort_members where anonymous_id = $1', [id]);
}

/** The device's cohort code, or null. */
export async function cohortOf(q: Queryable, id: string): Promise<string | null> {
	const [row] = await q.query<{ cohort_code: string }>(
		'select m.cohort_code from cohort_members m join cohorts c on c.code = m.cohort_code where m.anonymous_id = $1 and c.expires_at > now()',
		[id]
	);
	return row?.cohort_code ?? null;
}

const levelName = (id: string | null) => LEVELS.find((l) => l.id === id)?.name ?? LEVELS[0].name;
const LEVEL_LABELS = LEVELS.map((l) => l.name);

/** The student's cohort page: how the cohort is spread over modules, milestones and levels, and where they are. */
export async function cohortView(db: Queryable, id: string, min: number): Promise<CohortView> {
	await requireConsent(db, id, 'sync');
	const code = await cohortOf(db, id);
	const none = suppressTable([], min);
	if (!code) return { cohort: null, min_cell: min, members: none, modules: none, milestones: none, levels: none, you: null };
	const rows = await db.query<{ id: string; modules: number; milestones: number; level: string | null }>(
		`select m.anonymous_id::text as id, coalesce(p.modules_completed, 0)::int as modules, coalesce(p.milestones_passed, 0)::int as milestones, p.level
		 from cohort_members m left join profiles p on p.anonymous_id = m.anonymous_id where m.cohort_code = $1`,
		[code]
	);
	const me = rows.find((r) => r.id === id);
	return {
		cohort: await cohortInfo(db, code),
		min_cell: min,
		members: suppressTable([{ value: 'members', count: rows.length }], min),
		modules: suppressedHistogram(MODULE_BINS.labels, rows.map((r) => MODULE_BINS.of(r.modules)), min),
		milestones: suppressedHistogram(MILESTONE_BINS.labels, rows.map((r) => MILESTONE_BINS.of(r.milestones)), min),
		levels: suppressedHistogram(LEVEL_LABELS, rows.map((r) => levelName(r.level)), min),
		you: me ? { modules: MODULE_BINS.of(me.modules), milestones: MILESTONE_BINS.of(me.milestones), level: levelName(me.level) } : null
	};
}

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

function median(xs: number[]): number {
	const s = [...xs].sort((a, b) => a - b);
	const mid = s.length >> 1;
	return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/**
 * The organiser's view: per week, how many members there were and were active (a run, a
 * submission, a profile change or a challenge entry that week), and modules completed by
 * then. Every count goes through the same suppression as the public pages.
 */
export async function cohortAdminView(db: Queryable, code: string, token: string, min: number, now = new Date()): Promise<Omit<CohortAdminView, 'challenges'>> {
	const cohort = await checkOrganiser(db, code, token);
	const thisWeek = weekOf(now.toISOString().slice(0, 10));
	const first = [weekOf(cohort.created_at.slice(0, 10)), addDays(thisWeek, -7 * (COHORT_WEEKS - 1))].sort().at(-1)!;
	const weeks: string[] = [];
	for (let w = first; w <= thisWeek; w = addDays(w, 7)) weeks.push(w);

	const members = await db.query<{ id: string; joined_at: Date | string }>('select anonymous_id::text as id, joined_at from cohort_members where cohort_code = $1', [code]);
	const activity = await db.query<{ id: string; week: string }>(
		`select distinct m.anonymous_id::text as id, to_char(date_trunc('week', x.at at time zone 'UTC'), 'YYYY-MM-DD') as week
		 from cohort_members m
		 join lateral (
			select r.started_at as at from results r where r.anonymous_id = m.anonymous_id and r.started_at >= $2::date
			union all select s.received_at from submissions s where s.anonymous_id = m.anonymous_id and s.received_at >= $2::date
			union all select e.submitted_at from challenge_entries e where e.anonymous_id = m.anonymous_id and e.submitted_at >= $2::date
			union all select p.week::timestamp at time zone 'UTC' from progress_weeks p where p.anonymous_id = m.anonymous_id and p.week >= $2::date
		 ) x on true
		 where m.cohort_code = $1`,
		[code, first]
	);
	const progress = await db.query<{ id: string; week: string; modules: number }>(
		`select p.anonymous_id::text as id, to_char(p.week, 'YYYY-MM-DD') as week, p.modules_completed as modules
		 from progress_weeks p join cohort_members m on m.anonymous_id = p.anonymous_id where m.cohort_code = $1 order by p.week`,
		[code]
	);
	const active = new Set(activity.map((a) => `${a.id} ${a.week}`));
	const history = new Map<string, { week: string; modules: number }[]>();
	for (const p of progress) history.set(p.id, [...(history.get(p.id) ?? []), p]);
	const modulesBy = (id: string, week: string) => (history.get(id) ?? []).filter((p) => p.week <= week).at(-1)?.modules ?? 0;

	const rows: CohortWeek[] = weeks.map((week) => {
		const end = addDays(week, 7);
		const present = members.filter((m) => iso(m.joined_at).slice(0, 10) < end);
		const activeCount = present.filter((m) => active.has(`${m.id} ${week}`)).length;
		const split = suppressTable([{ value: 'active', count: activeCount }, { value: 'inactive', count: present.length - activeCount }], min);
		const modules = present.map((m) => modulesBy(m.id, week));
		return {
			week,
			members: split.totalDisplay,
			active: split.total === null ? split.totalDisplay : (split.cells.find((c) => c.value === 'active')?.display ?? '0'),
			median_modules: present.length >= min ? median(modules) : null,
			modules: suppressedHistogram(MODULE_BINS.labels, modules.map((n) => MODULE_BINS.of(n)), min)
		};
	});
	return { cohort, min_cell: min, weeks: rows };
}
