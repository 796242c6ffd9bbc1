import { openDatabase, type OpenDb } from './db';

let current: Promise<OpenDb> | null = null;

/** The server's database, opened once per process from DATABASE_URL or DATA_DIR (default ./data). */
export function database(): Promise<OpenDb> {
	current ??= openDatabase({
		databaseUrl: process.env.DATABASE_URL || undefined,
		dataDir: process.env.DATA_DIR || 'data'
	});
	return current;
}

export async function closeDatabase(): Promise<void> {
	if (!current) return;
	const opened = current;
	current = null;
	await (await opened).db.close();
}
