import { levelFor } from '$lib/community/levels';
import type { Profile } from '$lib/schemas/profile';
import type { BenchResult } from '$lib/schemas/result';
import type { SubmissionRecord } from '$lib/schemas/submission';
import { submissionKind } from '$lib/schemas/submission';
import type { Db, Queryable } from '../db';
import { sha256 } from '../hash';
import { ApiError } from '../http';
import { isTombstoned } from './devices';
import { checkPlausible } from './plausibility';

/** A write whose device row vanished meanwhile (deleted on another instance) is Gone, not an error. */
async function orGone<T>(db: Queryable, id: string, write: () => Promise<T>): Promise<T> {
	try {
		return await write();
	} catch (err) {
		if ((err as { code?: string }).code === '23503' && (await isTombstoned(db, id))) {
			throw new ApiError(410, 'gone', 'This device left the community; its data was deleted.');
		}
		throw err;
	}
}

export type Stored = { stored: 'new' | 'duplicate' };

const conflict = (what: string) =>
	new ApiError(409, 'conflict', `A different ${what} with this id is already stored. Ids are never reused; this looks like a bug in the client.`);

/** The profile fields the student chose to fill in; the newer of two versions wins. */
export async function upsertProfile(db: Db, id: string, p: Profile): Promise<{ updated: boolean }> {
	if (p.anonymous_id !== id) throw new ApiError(422, 'invalid', 'The profile belongs to another id.');
	const rows = await orGone(db, id, () =>
		db.query(
			`insert into profiles (anonymous_id, country, institution, course_type, experience_level, cohort, modules_completed,
			   milestones_passed, capstone_score, best_accuracy, level, updated_at, body)
			 values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
			 on conflict (anonymous_id) do update set country = excluded.country, institution = excluded.institution,
			   course_type = excluded.course_type, experience_level = excluded.experience_level, cohort = excluded.cohort,
			   modules_completed = excluded.modules_completed, milestones_passed = excluded.milestones_passed,
			   capstone_score = excluded.capstone_score, best_accuracy = excluded.best_accuracy, level = excluded.level,
			   updated_at = excluded.updated_at, body = excluded.body
			 where profiles.updated_at <= excluded.updated_at
			 returning anonymous_id`,
			[
				id, p.location.country ?? null, p.institution.name ?? null, p.context.course_type ?? null, p.context.experience_level ?? null,
				p.context.cohort ?? null, p.progress.modules.length, p.progress.milestones.length, p.progress.capstone_score,
				p.progress.best_accuracy, levelFor(p.progress.best_accuracy ?? 0).id, p.updated_at ?? p.joined_at, JSON.stringify(p)
			]
		)
	);
	return { updated: rows.length > 0 };
}

interface ResultItem {
	device: string;
	result: BenchResult;
	body: string;
	hash: string;
}

/**
 * Stores several results in one statement (one round trip, one commit): the results and
 * their score points together, by the client's ids. A replayed id is a duplicate when the
 * payload matches, a 409 when it does not; those answers are per item, so one clash never
 * changes what the others are told. One bad item (a deleted device) fails the whole
 * statement; the batcher then retries items one by one.
 */
async function storeResults(db: Db, items: ResultItem[]): Promise<(Stored | ApiError)[]> {
	const key = (device: string, id: string) => `${device}/${id}`.toLowerCase();
	// The same id twice in one group is inserted once; the later copy is answered like a replay.
	const firsts = new Map<string, ResultItem>();
	for (const it of items) {
		const k = key(it.device, it.result.id);
		if (!firsts.has(k)) firsts.set(k, it);
	}
	const unique = [...firsts.values()];
	const params: unknown[] = [];
	const p = (v: unknown) => `$${params.push(v)}`;
	const rows = unique.map((it) => `(${p(it.device)}::uuid, ${p(it.result.id)}::uuid, ${p(it.hash)}, ${p(it.result.suite)}, ${p(it.result.started_at)}::timestamptz, ${p(it.body)}::jsonb)`);
	const points = unique.flatMap((it) =>
		it.result.scores.map((s) => {
			const matmul = it.result.workloads.find((w) => w.backend === s.backend && w.workload === 'matmul')?.gflops ?? null;
			return `(${p(it.device)}::uuid, ${p(it.result.id)}::uuid, ${p(s.backend)}, ${p(s.score)}::int, ${p(matmul)}::real)`;
		})
	);
	const inserted = await db.query<{ anonymous_id: string; id: string }>(
		`with ins as (
			insert into results (anonymous_id, id, payload_hash, suite, started_at, body) values ${rows.join(', ')}
			on conflict (anonymous_id, id) do nothing returning anonymous_id, id
		)${
			points.length
				? `, pts as (
			insert into result_points (anonymous_id, result_id, backend, score, matmul_gflops)
			select v.* from (values ${points.join(', ')}) as v (anonymous_id, result_id, backend, score, matmul_gflops)
			join ins on ins.anonymous_id = v.anonymous_id and ins.id = v.result_id
			returning 1
		)`
				: ''
		}
		select anonymous_id::text, id::text from ins`,
		params
	);
	const fresh = new Set(inserted.map((r) => key(r.anonymous_id, r.id)));
	const out: (Stored | ApiError)[] = [];
	for (const it of items) {
		const k = key(it.device, it.result.id);
		const first = firsts.get(k)!;
		if (first === it && fresh.has(k)) {
			out.push({ stored: 'new' });
			continue;
		}
		const stored = fresh.has(k)
			? first.hash
			: (await db.query<{ payload_hash: string }>('select payload_hash from results where anonymous_id = $1 and id = $2', [it.device, it.result.id]))[0]?.payload_hash;
		if (stored === undefined) out.push(new ApiError(410, 'gone', 'This device left the community; its data was deleted.'));
		else out.push(stored === it.hash ? { stored: 'duplicate' } : conflict('result'));
	}
	return out;
}

/**
 * Groups the results that arrive together into one statement (group commit): under load
 * this is what lets one small server ingest a lecture hall. Each caller still gets its
 * own answer; a failing group falls back to one statement per result.
 */
export class ResultIngest {
	#queue: (ResultItem & { resolve: (s: Stored) => void; reject: (e: unknown) => void })[] = [];
	#workers = 0;

	/** `parallel`: groups in flight at once (PostgreSQL commits them side by side; PGlite runs one at a time anyway). */
	constructor(
		private db: Db,
		private maxBatch = 64,
		private parallel = db.kind === 'postgres' ? 4 : 1
	) {}

	/** Inserts by the client's id: the same id again is a no-op, a different payload under it a 409. */
	store(device: string, result: BenchResult): Promise<Stored> {
		checkPlausible(result);
		const body = JSON.stringify(result);
		return new Promise((resolve, reject) => {
			this.#queue.push({ device, result, body, hash: sha256(body), resolve, reject });
			if (this.#workers < this.parallel) void this.#work();
		});
	}

	async #work() {
		this.#workers++;
		// Let the requests already parsed in this turn join the first group.
		await new Promise((r) => setImmediate(r));
		while (this.#queue.length) {
			const batch = this.#queue.splice(0, this.maxBatch);
			const answer = (it: (typeof batch)[number], a: Stored | ApiError) => (a instanceof ApiError ? it.reject(a) : it.resolve(a));
			try {
				const stored = await storeResults(this.db, batch);
				batch.forEach((it, i) => answer(it, stored[i]));
			} catch {
				for (const it of batch) {
					await orGone(this.db, it.device, () => storeResults(this.db, [it])).then(([a]) => answer(it, a), it.reject);
				}
			}
		}
		this.#workers--;
	}
}

export async function storeSubmission(db: Db, id: string, s: SubmissionRecord): Promise<Stored> {
	const body = JSON.stringify(s);
	const hash = sha256(body);
	return orGone(db, id, async () => {
		const inserted = await db.query(
			`insert into submissions (anonymous_id, id, payload_hash, kind, body) values ($1, $2, $3, $4, $5)
			 on conflict (anonymous_id, id) do nothing returning id`,
			[id, s.id, hash, submissionKind(s), body]
		);
		if (inserted.length) return { stored: 'new' };
		const [old] = await db.query<{ payload_hash: string }>('select payload_hash from submissions where anonymous_id = $1 and id = $2', [id, s.id]);
		if (old.payload_hash !== hash) throw conflict('submission');
		return { stored: 'duplicate' };
	});
}

/** Everything the server holds for one device: what "get my data" returns. */
export async function deviceData(db: Queryable, id: string) {
	const [device] = await db.query<{ consent_version: string; consented_at: string; registered_at: string }>(
		'select consent_version, consented_at, registered_at from devices where anonymous_id = $1',
		[id]
	);
	const [profile] = await db.query<{ body: unknown }>('select body from profiles where anonymous_id = $1', [id]);
	const results = await db.query<{ body: unknown }>('select body from results where anonymous_id = $1 order by started_at', [id]);
	const submissions = await db.query<{ body: unknown }>('select body from submissions where anonymous_id = $1 order by received_at', [id]);
	const parse = (b: unknown) => (typeof b === 'string' ? JSON.parse(b) : b);
	return {
		device,
		profile: profile ? parse(profile.body) : null,
		results: results.map((r) => parse(r.body)),
		submissions: submissions.map((s) => parse(s.body))
	};
}
