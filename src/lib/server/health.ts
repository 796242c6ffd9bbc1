import { database } from './instance';
import { version } from '$app/environment';

export interface Health {
	ok: boolean;
	version: string;
	db: 'pglite' | 'postgres';
	migrations: number;
}

export async function health(): Promise<Health> {
	const { db, migrations } = await database();
	await db.query('select 1');
	return { ok: true, version, db: db.kind, migrations };
}
