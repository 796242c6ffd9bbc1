import type { OutboxOp } from '$lib/schemas/sync';
import { database } from './connection';
import { RECORD_STORES } from './db';

/**
 * Deletes every record on this device, in one transaction: the profile, results,
 * submissions, outbox, settings, consent and quarantine. Works offline. `keep` survives:
 * the deletion request for the website, which must outlive the data it deletes.
 */
export async function eraseEverything(keep: OutboxOp[] = []): Promise<void> {
	const db = await database();
	const stores = [...RECORD_STORES, 'quarantine'] as const;
	const tx = db.transaction(stores, 'readwrite');
	await Promise.all([...stores.map((s) => tx.objectStore(s).clear()), ...keep.map((op) => tx.objectStore('outbox').put(op)), tx.done]);
}
