import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase, type OpenDb } from '$lib/server/db';

/**
 * The databases every server test runs against: embedded PGlite always, and PostgreSQL
 * when TEST_DATABASE_URL is set (CI sets it). Each PostgreSQL run gets its own fresh schema.
 */
export interface TestDatabase {
	name: 'pglite' | 'postgres';
	/** `second` (PostgreSQL only): another connection pool on the same data, as a second app instance would have. */
	open(): Promise<OpenDb & { cleanup(): Promise<void>; second?: () => Promise<OpenDb> }>;
}

export const testDatabases: TestDatabase[] = [
	{
		name: 'pglite',
		async open() {
			const dir = mkdtempSync(join(tmpdir(), 'tito-db-'));
			const opened = await openDatabase({ dataDir: dir });
			return {
				...opened,
				async cleanup() {
					await opened.db.close();
					rmSync(dir, { recursive: true, force: true });
				}
			};
		}
	}
];

const url = process.env.TEST_DATABASE_URL;
if (url) {
	testDatabases.push({
		name: 'postgres',
		async open() {
			const schema = `t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
			const admin = new pg.Client({ connectionString: url });
			await admin.connect();
			await admin.query(`create schema ${schema}`);
			await admin.end();
			const scoped = new URL(url);
			scoped.searchParams.set('options', `-c search_path=${schema}`);
			const opened = await openDatabase({ databaseUrl: scoped.toString() });
			const others: OpenDb[] = [];
			return {
				...opened,
				async second() {
					const other = await openDatabase({ databaseUrl: scoped.toString() });
					others.push(other);
					return other;
				},
				async cleanup() {
					for (const o of others) await o.db.close();
					await opened.db.close();
					const c = new pg.Client({ connectionString: url });
					await c.connect();
					await c.query(`drop schema ${schema} cascade`);
					await c.end();
				}
			};
		}
	});
}
