import { openPglite } from './pglite';
import { openPostgres } from './postgres';
import { migrate } from './migrate';
import type { Db } from './types';

export type { Db, Queryable } from './types';

export interface DbConfig {
	/** postgres://… — when set, PostgreSQL; otherwise the embedded PGlite database. */
	databaseUrl?: string;
	/** Where PGlite keeps its files; null keeps it in memory (tests). */
	dataDir?: string | null;
}

export interface OpenDb {
	db: Db;
	migrations: number;
}

/** Opens the configured database and brings its schema up to date. */
export async function openDatabase(config: DbConfig): Promise<OpenDb> {
	const db = config.databaseUrl ? await openPostgres(config.databaseUrl) : await openPglite(config.dataDir ?? null);
	try {
		return { db, migrations: await migrate(db) };
	} catch (err) {
		await db.close();
		throw err;
	}
}
