import { database } from './connection';
import { RECORD_STORES } from './db';

/**
 * Deletes every record on this device, in one transaction: the profile, results,
 * submissions, outbox, settings, consent and quarantine. Works offline.
 */
export async function eraseEverything(): Promise<void> {
	const db = await database();
	const stores = [...RECORD_STORES, 'quarantine'] as const;
	const tx = db.transaction(stores, 'readwrite');
	await Promise.all([...stores.map((s) => tx.objectStore(s).clear()), tx.done]);
}
