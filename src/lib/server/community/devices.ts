import type { ConsentScope, RegisterRequest } from '$lib/schemas/api';
import type { Db, Queryable } from '../db';
import { sameHash, sha256 } from '../hash';
import { ApiError } from '../http';

const gone = () => new ApiError(410, 'gone', 'This device left the community and its data was deleted; it cannot write again. Join again to get a new id.');

export async function isTombstoned(q: Queryable, id: string): Promise<boolean> {
	return (await q.query('select 1 from tombstones where id_hash = $1', [sha256(id)])).length > 0;
}

/**
 * Opt-in: the device's id and the hash of its token. Registering again with the same token
 * is a no-op (a retried request) that records the consent of its scope, so a device in
 * partner matching can turn on sync later, and the other way round; another token for a
 * taken id is refused.
 */
export async function registerDevice(db: Db, req: RegisterRequest): Promise<{ created: boolean }> {
	return db.transaction(async (tx) => {
		if (await isTombstoned(tx, req.anonymous_id)) throw gone();
		const hash = sha256(req.token);
		const inserted = await tx.query(
			`insert into devices (anonymous_id, token_hash, consent_version, consented_at) values ($1, $2, $3, $4)
			 on conflict (anonymous_id) do nothing returning anonymous_id`,
			[req.anonymous_id, hash, req.consent.version, req.consent.agreed_at]
		);
		if (!inserted.length) {
			const [row] = await tx.query<{ token_hash: string }>('select token_hash from devices where anonymous_id = $1', [req.anonymous_id]);
			if (!row || !sameHash(row.token_hash, hash)) throw new ApiError(403, 'id_taken', 'This id is registered with another token.');
		}
		await tx.query(
			`insert into device_consents (anonymous_id, scope, version, agreed_at) values ($1, $2, $3, $4)
			 on conflict (anonymous_id, scope) do update set version = excluded.version, agreed_at = excluded.agreed_at`,
			[req.anonymous_id, req.scope, req.consent.version, req.consent.agreed_at]
		);
		return { created: inserted.length > 0 };
	});
}

const consentMissing: Record<ConsentScope, string> = {
	sync: 'This needs sync to be on: turn it on on the Community page first.',
	partners: 'This device has not joined study-partner matching: opt in on the Study partners page first.'
};

/** 403 unless the device agreed to `scope` (read fresh: a consent can be withdrawn on another instance). */
export async function requireConsent(q: Queryable, id: string, scope: ConsentScope): Promise<void> {
	const rows = await q.query('select 1 from device_consents where anonymous_id = $1 and scope = $2', [id, scope]);
	if (!rows.length) throw new ApiError(403, 'consent_required', consentMissing[scope]);
}

// Token hashes by id, so an ingest costs one query, not two. Cleared for a device on delete.
const tokenCache = new Map<string, string>();

/** The device behind `id`, if `token` is its token: 403 for a wrong token, 410 after deletion. */
export async function authenticate(db: Queryable, id: string, token: string): Promise<void> {
	let hash = tokenCache.get(id);
	if (!hash) {
		const [row] = await db.query<{ token_hash: string }>('select token_hash from devices where anonymous_id = $1', [id]);
		if (!row) {
			if (await isTombstoned(db, id)) throw gone();
			throw new ApiError(403, 'forbidden', 'This token does not belong to that device.');
		}
		hash = row.token_hash;
		if (tokenCache.size > 100_000) tokenCache.clear();
		tokenCache.set(id, hash);
	}
	if (!sameHash(hash, sha256(token))) throw new ApiError(403, 'forbidden', 'This token does not belong to that device.');
}

/**
 * A device left with no consent at all (it withdrew from the one thing it had joined) goes
 * too, without a tombstone: nothing of it remains, and it may join again with the same id.
 */
export async function dropIfUnconsented(q: Queryable, id: string): Promise<boolean> {
	const rows = await q.query(
		'delete from devices d where anonymous_id = $1 and not exists (select 1 from device_consents c where c.anonymous_id = d.anonymous_id) returning anonymous_id',
		[id]
	);
	if (rows.length) tokenCache.delete(id);
	return rows.length > 0;
}

/**
 * Leave: every row of the device goes in one transaction, and a tombstone (the id's hash
 * and the time) stays so late writes get 410. Deleting again is acknowledged, so a
 * client that lost the first answer can stop retrying.
 */
export async function deleteDevice(db: Db, id: string, token: string): Promise<{ deleted: boolean }> {
	const result = await db.transaction(async (tx) => {
		if (await isTombstoned(tx, id)) return { deleted: false };
		// Never registered (the opt-in never arrived): there is nothing to delete.
		if (!(await tx.query('select 1 from devices where anonymous_id = $1', [id])).length) return { deleted: false };
		await authenticate(tx, id, token);
		await tx.query('delete from devices where anonymous_id = $1', [id]);
		await tx.query('insert into tombstones (id_hash) values ($1) on conflict do nothing', [sha256(id)]);
		return { deleted: true };
	});
	tokenCache.delete(id);
	return result;
}
