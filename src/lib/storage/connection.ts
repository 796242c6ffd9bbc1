import type { IDBPDatabase } from 'idb';
import { openTitoDb, type TitoDb } from './db';

let current: Promise<IDBPDatabase<TitoDb>> | null = null;

/** The page's one open database; a failure (no IndexedDB) is remembered and re-thrown to every caller. */
export function database(): Promise<IDBPDatabase<TitoDb>> {
	current ??= openTitoDb();
	return current;
}

/** Closes and forgets the connection (tests, and before deleting the database). */
export async function closeDatabase(): Promise<void> {
	const opened = current;
	current = null;
	if (opened) (await opened.catch(() => null))?.close();
}
