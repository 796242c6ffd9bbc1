import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { openDB } from 'idb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, database } from '$lib/storage/connection';
import { DB_NAME, DB_VERSION, RECORD_STORES, migrations, openTitoDb } from '$lib/storage/db';
import { eraseEverything } from '$lib/storage/erase';
import { applyImport } from '$lib/storage/local-data';
import { loadProfile, saveProfile } from '$lib/storage/profile';
import { listQuarantine } from '$lib/storage/quarantine';
import { StorageFullError, storageError, writeMany } from '$lib/storage/records';
import { listResults, saveResult } from '$lib/storage/results';
import { loadActivity, loadConfig, recordActivity } from '$lib/storage/settings';
import { profileSchema } from '$lib/schemas/profile';
import type { ImportPlan } from '$lib/community/import-plan';
import { baselineRows, result } from './helpers/fixtures';

const profile = () =>
	profileSchema.parse({ anonymous_id: '3f0f0c36-4a51-4a7e-9c11-2d7f3b1e9a01', joined_at: '2026-11-20T10:30:00.000Z', location: { country: 'Kenya' } });

beforeEach(() => {
	globalThis.indexedDB = new IDBFactory();
});
afterEach(() => closeDatabase());

describe('the IndexedDB schema', () => {
	it('creates every store from nothing (version 0 -> latest)', async () => {
		const db = await openTitoDb();
		expect(db.version).toBe(DB_VERSION);
		expect([...db.objectStoreNames].sort()).toEqual([...RECORD_STORES, 'quarantine'].sort());
		db.close();
	});

	it('upgrades from every older version and keeps what was stored', async () => {
		for (let from = 1; from < DB_VERSION; from++) {
			globalThis.indexedDB = new IDBFactory();
			const old = await openTitoDb(migrations.slice(0, from));
			await old.put('profile', profile(), 'me');
			old.close();
			const db = await openTitoDb();
			expect(db.version).toBe(DB_VERSION);
			expect(await db.get('profile', 'me')).toEqual(profile());
			db.close();
		}
	});

	it('refuses data from a newer app version with a sentence, and leaves it alone', async () => {
		const future = await openDB(DB_NAME, DB_VERSION + 1, { upgrade: (db) => void db.createObjectStore('profile') });
		await future.put('profile', { from: 'the future' }, 'me');
		future.close();
		await expect(openTitoDb()).rejects.toThrow(/newer version of the app/);
		const again = await openDB(DB_NAME);
		expect(await again.get('profile', 'me')).toEqual({ from: 'the future' });
		again.close();
	});

	it('says plainly when the browser has no IndexedDB at all', async () => {
		// @ts-expect-error: a private window may have none
		globalThis.indexedDB = undefined;
		await expect(openTitoDb()).rejects.toThrow(/does not let Tito Web save anything/);
	});
});

describe('records', () => {
	it('round-trips a profile and a result through their schemas', async () => {
		await saveProfile(profile());
		expect(await loadProfile()).toEqual(profile());
		const r = result(baselineRows());
		await saveResult(r);
		expect(await listResults()).toEqual([r]);
	});

	it('keeps the seed counts in step with the named modules', async () => {
		const p = profile();
		p.progress.modules = ['01_tensor', '02_activations'];
		p.progress.milestones = ['perceptron'];
		const saved = await saveProfile(p);
		expect(saved.progress).toMatchObject({ modules_completed: 2, milestones_passed: 1 });
	});

	it('moves unreadable records to quarantine: not shown, not dropped', async () => {
		const good = result(baselineRows());
		await saveResult(good);
		const db = await database();
		await db.put('results', { id: 'broken', started_at: 'x', workloads: 'none' });
		await db.put('profile', { anonymous_id: 'not-a-uuid' }, 'me');
		expect(await listResults()).toEqual([good]);
		expect(await loadProfile()).toBeNull();
		const q = await listQuarantine();
		expect(q.map((r) => [r.store, r.key])).toEqual([['results', 'broken'], ['profile', 'me']]);
		expect(q[0].value).toEqual({ id: 'broken', started_at: 'x', workloads: 'none' });
		expect(q[0].problem).toMatch(/schema|workloads/);
		expect(await db.get('results', 'broken')).toBeUndefined();
		// Reading again finds nothing new to quarantine.
		await listResults();
		expect(await listQuarantine()).toHaveLength(2);
	});

	it('never writes an invalid record', async () => {
		await expect(saveProfile({ ...profile(), anonymous_id: 'nope' })).rejects.toThrow();
		expect(await loadProfile()).toBeNull();
	});

	it('turns a full disk into a sentence', () => {
		const err = storageError(new DOMException('quota', 'QuotaExceededError'));
		expect(err).toBeInstanceOf(StorageFullError);
		expect(err.message).toMatch(/storage for Tito Web is full.*everything saved before is intact/);
	});

	it('writes a batch all or nothing', async () => {
		await saveProfile(profile());
		const bad = { store: 'results' as const, value: { no: 'id' } };
		await expect(writeMany(await database(), [{ store: 'settings', key: 'preferences', value: { weekly_target: 5 } }, bad])).rejects.toThrow();
		expect(await (await database()).get('settings', 'preferences')).toBeUndefined();
		expect(await loadProfile()).toEqual(profile());
	});

	it('records each active day once', async () => {
		await recordActivity('2026-11-20', '2026-11-21');
		await recordActivity('2026-11-21');
		expect((await loadActivity()).days).toEqual(['2026-11-20', '2026-11-21']);
	});

	it('starts with the CLI defaults: local on, website sync off', async () => {
		expect(await loadConfig()).toEqual({
			website: { base_url: null, community_map_url: null, api_url: null, enabled: false },
			local: { enabled: true, auto_sync: false }
		});
	});

	it('erases every store', async () => {
		await saveProfile(profile());
		await saveResult(result(baselineRows()));
		await recordActivity('2026-11-20');
		await (await database()).put('results', { id: 'bad' });
		await listResults();
		await eraseEverything();
		const db = await database();
		for (const store of [...RECORD_STORES, 'quarantine'] as const) expect(await db.count(store), store).toBe(0);
	});
});

describe('applying an import', () => {
	const empty: ImportPlan = { profile: { action: 'none' }, config: null, preferences: null, submissions: [], results: [], activityDays: [], duplicates: 0, problems: [], notes: [] };

	it('replaces a conflicting profile only when asked', async () => {
		await saveProfile(profile());
		const other = { ...profile(), anonymous_id: '9a1c2e44-1111-4c2b-8d3e-aa0000000001' };
		const plan: ImportPlan = { ...empty, profile: { action: 'conflict', incoming: other, reason: 'different' } };
		await applyImport(plan, { replaceProfile: false });
		expect((await loadProfile())?.anonymous_id).toBe(profile().anonymous_id);
		await applyImport(plan, { replaceProfile: true });
		expect((await loadProfile())?.anonymous_id).toBe(other.anonymous_id);
	});

	it('keeps this device’s sync decision whatever config.json says', async () => {
		const config = { website: { base_url: 'https://x.example', community_map_url: null, api_url: null, enabled: true }, local: { enabled: true, auto_sync: true } };
		await applyImport({ ...empty, config }, { replaceProfile: false });
		expect((await loadConfig()).website).toEqual({ ...config.website, enabled: false });
	});
});
