import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '$lib/server/db';
import { lockDataDir, DataDirLockedError } from '$lib/server/db/lock';
import { migrate, migrations } from '$lib/server/db/migrate';
import { testDatabases } from './helpers/databases';

describe.each(testDatabases)('database layer on $name', (target) => {
	let cleanup: (() => Promise<void>) | null = null;
	afterEach(async () => {
		await cleanup?.();
		cleanup = null;
	});

	it('applies every migration and records it', async () => {
		const opened = await target.open();
		cleanup = opened.cleanup;
		expect(opened.db.kind).toBe(target.name);
		expect(opened.migrations).toBe(migrations.length);
		const rows = await opened.db.query<{ version: number }>('select version from schema_migrations order by version');
		expect(rows.map((r) => r.version)).toEqual(migrations.map((m) => m.version));
	});

	it('is idempotent: running migrations again changes nothing', async () => {
		const opened = await target.open();
		cleanup = opened.cleanup;
		const before = await opened.db.query('select * from schema_migrations order by version');
		expect(await migrate(opened.db)).toBe(migrations.length);
		expect(await opened.db.query('select * from schema_migrations order by version')).toEqual(before);
	});

	it('rolls a failing migration back whole, and retries it next time', async () => {
		const opened = await target.open();
		cleanup = opened.cleanup;
		const broken = { version: 9_999, name: 'broken', sql: 'create table half_done (id int); select * from no_such_table;' };
		await expect(migrate(opened.db, [...migrations, broken])).rejects.toThrow(/no_such_table/);
		expect(await opened.db.query("select 1 from information_schema.tables where table_name = 'half_done'")).toEqual([]);
		expect(await opened.db.query('select 1 from schema_migrations where version = 9999')).toEqual([]);
	});

	it('commits transactions that resolve and rolls back those that throw', async () => {
		const opened = await target.open();
		cleanup = opened.cleanup;
		const { db } = opened;
		await db.exec('create table tx_probe (id int primary key)');
		await db.transaction(async (tx) => {
			await tx.query('insert into tx_probe values ($1)', [1]);
		});
		await expect(
			db.transaction(async (tx) => {
				await tx.query('insert into tx_probe values ($1)', [2]);
				throw new Error('abort');
			})
		).rejects.toThrow('abort');
		expect(await db.query('select id from tx_probe order by id')).toEqual([{ id: 1 }]);
	});
});

describe('embedded database data-dir lock', () => {
	const dirs: string[] = [];
	const fresh = () => {
		const d = mkdtempSync(join(tmpdir(), 'tito-lock-'));
		dirs.push(d);
		return d;
	};
	afterEach(() => {
		for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
	});

	it('refuses a second server on the same data dir with a clear message', async () => {
		const dir = fresh();
		const first = await openDatabase({ dataDir: dir });
		try {
			// Pretend another live process holds it: our parent's pid is alive and not ours.
			writeFileSync(join(dir, 'tito.lock'), String(process.ppid));
			await expect(openDatabase({ dataDir: dir })).rejects.toThrow(/in use by another Tito Web server.*DATABASE_URL/s);
		} finally {
			writeFileSync(join(dir, 'tito.lock'), String(process.pid));
			await first.db.close();
		}
	});

	it('takes over a stale lock left by a process that died', () => {
		const dir = fresh();
		writeFileSync(join(dir, 'tito.lock'), '999999999');
		const release = lockDataDir(dir);
		release();
	});

	it('releases the lock on close so the next start succeeds', async () => {
		const dir = fresh();
		const first = await openDatabase({ dataDir: dir });
		await first.db.close();
		const second = await openDatabase({ dataDir: dir });
		expect(second.migrations).toBe(migrations.length);
		await second.db.close();
	});

	it('throws DataDirLockedError for a live holder', () => {
		const dir = fresh();
		writeFileSync(join(dir, 'tito.lock'), String(process.ppid));
		expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
	});
});
