import { PGlite } from '@electric-sql/pglite';
import type { Db, Queryable } from './types';
import { lockDataDir } from './lock';

/** The embedded database: PostgreSQL in WebAssembly, on disk in `dataDir` (or in memory when null). */
export async function openPglite(dataDir: string | null): Promise<Db> {
	const release = dataDir ? lockDataDir(dataDir) : () => {};
	let pg: PGlite;
	try {
		pg = dataDir ? await PGlite.create(`${dataDir}/pgdata`) : await PGlite.create();
	} catch (err) {
		release();
		throw err;
	}
	const run = (q: Pick<PGlite, 'query' | 'exec'>): Queryable => ({
		async query<T>(sql: string, params: unknown[] = []) {
			return (await q.query<T>(sql, params)).rows;
		},
		async exec(sql: string) {
			await q.exec(sql);
		}
	});
	return {
		kind: 'pglite',
		...run(pg),
		transaction: (fn) => pg.transaction((tx) => fn(run(tx))),
		async listen(channel, fn) {
			const stop = await pg.listen(channel, fn);
			return async () => stop();
		},
		async notify(channel, payload) {
			await pg.query('select pg_notify($1, $2)', [channel, payload]);
		},
		async close() {
			try {
				await pg.close();
			} finally {
				release();
			}
		}
	};
}
