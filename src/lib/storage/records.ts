import type { IDBPDatabase } from 'idb';
import type { z } from 'zod';
import type { RecordStore, TitoDb } from './db';

/** The browser's storage for this site is full: the write was not made and nothing else changed. */
export class StorageFullError extends Error {
	constructor() {
		super(
			"This browser's storage for Tito Web is full, so this was not saved (everything saved before is intact). Free space by exporting and deleting old results, or allow the site more storage."
		);
	}
}

/** Turns what IndexedDB throws into an error a student can act on. */
export function storageError(err: unknown): Error {
	const name = (err as DOMException)?.name;
	if (name === 'QuotaExceededError' || (err as { inner?: DOMException })?.inner?.name === 'QuotaExceededError') return new StorageFullError();
	if (err instanceof Error) return err;
	return new Error(`Saving failed: ${String(err)}`);
}

const describe = (error: z.ZodError) =>
	error.issues
		.slice(0, 3)
		.map((i) => `${i.path.join('.') || 'record'}: ${i.message}`)
		.join('; ');

/**
 * Reads every record of a store through its schema. Records that fail are moved, whole,
 * to the quarantine store in the same transaction: never dropped, never crashing a page.
 */
export async function readAll<S extends z.ZodType>(db: IDBPDatabase<TitoDb>, store: RecordStore, schema: S): Promise<z.infer<S>[]> {
	const tx = db.transaction([store, 'quarantine'], 'readwrite');
	const good: z.infer<S>[] = [];
	const now = new Date().toISOString();
	for (let cursor = await tx.objectStore(store).openCursor(); cursor; cursor = await cursor.continue()) {
		const parsed = schema.safeParse(cursor.value);
		if (parsed.success) good.push(parsed.data);
		else {
			await tx.objectStore('quarantine').add({ store, key: String(cursor.key), value: cursor.value, problem: describe(parsed.error), quarantined_at: now });
			await cursor.delete();
		}
	}
	await tx.done;
	return good;
}

/** Reads one record through its schema; a bad one goes to quarantine and reads as absent. */
export async function readOne<S extends z.ZodType>(db: IDBPDatabase<TitoDb>, store: RecordStore, key: string, schema: S): Promise<z.infer<S> | null> {
	const tx = db.transaction([store, 'quarantine'], 'readwrite');
	const value = await tx.objectStore(store).get(key);
	let result: z.infer<S> | null = null;
	if (value !== undefined) {
		const parsed = schema.safeParse(value);
		if (parsed.success) result = parsed.data;
		else {
			await tx.objectStore('quarantine').add({ store, key, value, problem: describe(parsed.error), quarantined_at: new Date().toISOString() });
			await tx.objectStore(store).delete(key);
		}
	}
	await tx.done;
	return result;
}

/** Validates, then writes; an invalid record is a programming error and is never stored. */
export async function writeOne<S extends z.ZodType>(db: IDBPDatabase<TitoDb>, store: RecordStore, schema: S, value: z.input<S>, key?: string): Promise<z.infer<S>> {
	const record = schema.parse(value);
	try {
		// Stores with a keyPath take the key from the record; the others (profile, settings) need it given.
		if (key === undefined) await db.put(store, record as never);
		else await db.put(store, record as never, key);
	} catch (err) {
		throw storageError(err);
	}
	return record;
}

/** Writes several records in one transaction: all or none. */
export async function writeMany(db: IDBPDatabase<TitoDb>, writes: { store: RecordStore; value: unknown; key?: string }[]): Promise<void> {
	if (!writes.length) return;
	const tx = db.transaction([...new Set(writes.map((w) => w.store))], 'readwrite');
	// Every request settles with the abort too; those rejections are the same failure, already handled here.
	const quiet = <T>(p: Promise<T>) => (p.catch(() => {}), p);
	const pending: Promise<unknown>[] = [quiet(tx.done)];
	try {
		for (const w of writes) {
			const store = tx.objectStore(w.store);
			pending.push(quiet(w.key === undefined ? store.put(w.value as never) : store.put(w.value as never, w.key)));
		}
		await Promise.all(pending);
	} catch (err) {
		// A put can throw before the transaction fails on its own (a bad key): abort, or the rest would commit.
		try {
			tx.abort();
		} catch {
			// Already finished or aborted.
		}
		throw storageError(err);
	}
}
