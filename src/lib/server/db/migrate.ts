import type { Db } from './types';

export interface Migration {
	version: number;
	name: string;
	sql: string;
}

const files = import.meta.glob('./migrations/*.sql', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

/** The numbered `.sql` files in ./migrations, in order. */
export const migrations: Migration[] = Object.entries(files)
	.map(([path, sql]) => {
		const match = /\/(\d+)_([\w-]+)\.sql$/.exec(path);
		if (!match) throw new Error(`Migration file name must be NNN_name.sql: ${path}`);
		return { version: Number(match[1]), name: match[2], sql };
	})
	.sort((a, b) => a.version - b.version);

// Any constant shared by all instances: serialises migrations when several servers start at once.
const MIGRATION_LOCK = 7_411_020;

/** Applies every migration not yet recorded, each in its own transaction. Returns the applied count in total. */
export async function migrate(db: Db, list: Migration[] = migrations): Promise<number> {
	await db.query(`create table if not exists schema_migrations (
		version integer primary key,
		name text not null,
		applied_at timestamptz not null default now()
	)`);
	for (const m of list) {
		await db.transaction(async (tx) => {
			await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
			const done = await tx.query('select 1 from schema_migrations where version = $1', [m.version]);
			if (done.length) return;
			await tx.exec(m.sql);
			await tx.query('insert into schema_migrations (version, name) values ($1, $2)', [m.version, m.name]);
		});
	}
	const [row] = await db.query<{ n: number }>('select count(*)::int as n from schema_migrations');
	return row.n;
}
