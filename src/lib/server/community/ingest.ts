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

/** Inserts by the client's id: the same id again is a no-op, a different payload under it a 409. */
export async function storeResult(db: Db, id: string, r: BenchResult): Promise<Stored> {
	checkPlausible(r);
	const body = JSON.stringify(r);
	const hash = sha256(body);
	return orGone(db, id, () =>
		db.transaction(async (tx) => {
			const inserted = await tx.query(
				`insert into results (anonymous_id, id, payload_hash, suite, started_at, body) values ($1, $2, $3, $4, $5, $6)
				 on conflict (anonymous_id, id) do nothing returning id`,
				[id, r.id, hash, r.suite, r.started_at, body]
			);
			if (!inserted.length) {
				const [old] = await tx.query<{ payload_hash: string }>('select payload_hash from results where anonymous_id = $1 and id = $2', [id, r.id]);
				if (old.payload_hash !== hash) throw conflict('result');
				return { stored: 'duplicate' as const };
			}
			for (const s of r.scores) {
				const matmul = r.workloads.find((w) => w.backend === s.backend && w.workload === 'matmul')?.gflops ?? null;
				await tx.query('insert into result_points (anonymous_id, result_id, backend, score, matmul_gflops) values ($1, $2, $3, $4, $5)', [
					id, r.id, s.backend, s.score, matmul
				]);
			}
			return { stored: 'new' as const };
		})
	);
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
