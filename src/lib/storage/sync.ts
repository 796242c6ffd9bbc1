import { outboxOpSchema, syncStateSchema, type OutboxOp, type SyncState } from '$lib/schemas/sync';
import { database } from './connection';
import { readAll, readOne, writeOne } from './records';

const KEY = 'sync';

export async function loadSyncState(): Promise<SyncState | null> {
	return readOne(await database(), 'consent', KEY, syncStateSchema);
}

export async function saveSyncState(state: SyncState): Promise<SyncState> {
	return writeOne(await database(), 'consent', syncStateSchema, state, KEY);
}

export async function clearSyncState(): Promise<void> {
	await (await database()).delete('consent', KEY);
}

/** The queue, in the order it must be sent. */
export async function listOutbox(): Promise<OutboxOp[]> {
	return (await readAll(await database(), 'outbox', outboxOpSchema)).sort((a, b) => a.seq - b.seq);
}

export async function putOp(op: OutboxOp): Promise<OutboxOp> {
	return writeOne(await database(), 'outbox', outboxOpSchema, op);
}

export async function removeOp(id: string): Promise<void> {
	await (await database()).delete('outbox', id);
}

export async function clearOutbox(): Promise<void> {
	await (await database()).clear('outbox');
}
