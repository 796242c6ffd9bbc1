import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';

/**
 * The one IndexedDB database of the app. Records are stored as plain JSON and read back
 * only through their zod schema (see records.ts); the shapes below are what the stores
 * hold on disk, so they are deliberately loose.
 */
export const DB_NAME = 'tito-web';

export interface TitoDb extends DBSchema {
	profile: { key: string; value: unknown };
	results: { key: string; value: unknown; indexes: { started_at: string } };
	submissions: { key: string; value: unknown; indexes: { created_at: string } };
	outbox: { key: string; value: unknown; indexes: { created_at: string } };
	settings: { key: string; value: unknown };
	consent: { key: string; value: unknown };
	quarantine: { key: number; value: QuarantinedRecord };
}

export type StoreName = StoreNames<TitoDb>;
export type RecordStore = Exclude<StoreName, 'quarantine'>;
export const RECORD_STORES: RecordStore[] = ['profile', 'results', 'submissions', 'outbox', 'settings', 'consent'];

/** A record that failed its schema: kept whole, with where it came from and why. */
export interface QuarantinedRecord {
	id?: number;
	store: string;
	key: string;
	value: unknown;
	problem: string;
	quarantined_at: string;
}

type Upgrade = (db: IDBPDatabase<TitoDb>, tx: IDBPTransaction<TitoDb, StoreName[], 'versionchange'>) => void;

/**
 * Numbered schema steps: `migrations[n]` takes the database from version n to n + 1. Each
 * step only adds or reshapes; a browser that last ran version k gets steps k..latest, in
 * one upgrade transaction.
 */
export const migrations: Upgrade[] = [
	// 0 -> 1: the first stores.
	(db) => {
		db.createObjectStore('profile');
		db.createObjectStore('results', { keyPath: 'id' }).createIndex('started_at', 'started_at');
		db.createObjectStore('submissions', { keyPath: 'id' }).createIndex('created_at', 'created_at');
		db.createObjectStore('outbox', { keyPath: 'id' }).createIndex('created_at', 'created_at');
		db.createObjectStore('settings');
		db.createObjectStore('consent');
		db.createObjectStore('quarantine', { keyPath: 'id', autoIncrement: true });
	}
];

export const DB_VERSION = migrations.length;

export class StorageUnavailableError extends Error {}

/** Opens (creating or upgrading) the database; explains in words when the browser will not. */
export async function openTitoDb(steps: Upgrade[] = migrations, name = DB_NAME): Promise<IDBPDatabase<TitoDb>> {
	if (typeof indexedDB === 'undefined' || !indexedDB) {
		throw new StorageUnavailableError(
			'This browser does not let Tito Web save anything (a private window, or site storage is turned off). Benchmarks still run; export results as files to keep them.'
		);
	}
	try {
		return await openDB<TitoDb>(name, steps.length, {
			upgrade(db, oldVersion, _newVersion, tx) {
				for (let v = oldVersion; v < steps.length; v++) steps[v](db, tx);
			},
			blocking(_current, _next, event) {
				// Another tab needs a newer schema: close so it can upgrade; this tab reloads into the new version.
				(event.target as IDBDatabase).close();
				if (typeof location !== 'undefined') location.reload();
			}
		});
	} catch (err) {
		if ((err as DOMException)?.name === 'VersionError') {
			throw new StorageUnavailableError(
				'This browser holds Tito Web data from a newer version of the app. Reload to get the newer version; nothing was changed.'
			);
		}
		throw new StorageUnavailableError(`The browser refused to open Tito Web's storage: ${(err as Error)?.message ?? err}`);
	}
}
