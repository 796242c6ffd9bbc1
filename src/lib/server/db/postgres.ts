import pg from 'pg';
import type { Db, Queryable } from './types';

/** PostgreSQL through a `pg` pool; the same SQL as the embedded database. */
export async function openPostgres(url: string, poolSize = Number(process.env.DB_POOL_SIZE ?? 20)): Promise<Db> {
	const pool = new pg.Pool({ connectionString: url, max: poolSize });
	// Fail at start, with the reason, rather than on the first request.
	await pool.query('select 1');
	const listeners = new Set<pg.Client>();
	const run = (q: pg.Pool | pg.PoolClient): Queryable => ({
		async query<T>(sql: string, params: unknown[] = []) {
			return (await q.query(sql, params)).rows as T[];
		},
		async exec(sql: string) {
			await q.query(sql);
		}
	});
	return {
		kind: 'postgres',
		...run(pool),
		async transaction(fn) {
			const client = await pool.connect();
			try {
				await client.query('begin');
				const result = await fn(run(client));
				await client.query('commit');
				return result;
			} catch (err) {
				await client.query('rollback').catch(() => {});
				throw err;
			} finally {
				client.release();
			}
		},
		async listen(channel, fn) {
			// A connection of its own, outside the pool: LISTEN lasts as long as the session.
			const client = new pg.Client({ connectionString: url });
			await client.connect();
			client.on('notification', (n) => n.channel === channel && fn(n.payload ?? ''));
			await client.query(`listen ${pg.escapeIdentifier(channel)}`);
			listeners.add(client);
			return async () => {
				listeners.delete(client);
				await client.end().catch(() => {});
			};
		},
		async notify(channel, payload) {
			await pool.query('select pg_notify($1, $2)', [channel, payload]);
		},
		async close() {
			await Promise.all([...listeners].map((c) => c.end().catch(() => {})));
			await pool.end();
		}
	};
}
