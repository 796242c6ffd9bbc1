import type { Profile, ProfileFields, Progress } from '$lib/schemas/profile';
import { profileSchema } from '$lib/schemas/profile';
import type { BenchResult } from '$lib/schemas/result';
import type { CliConfig, Preferences } from '$lib/schemas/settings';
import type { SubmissionRecord } from '$lib/schemas/submission';
import { database } from '$lib/storage/connection';
import type { QuarantinedRecord } from '$lib/storage/db';
import { eraseEverything } from '$lib/storage/erase';
import { applyImport, loadLocalData } from '$lib/storage/local-data';
import { requestPersistence, storageInfo, type StorageInfo } from '$lib/storage/persistence';
import { loadProfile, saveProfile } from '$lib/storage/profile';
import { listQuarantine } from '$lib/storage/quarantine';
import { listResults, saveResult } from '$lib/storage/results';
import { DEFAULT_CONFIG, DEFAULT_PREFERENCES, loadActivity, loadConfig, loadPreferences, recordActivity, saveConfig, savePreferences } from '$lib/storage/settings';
import { listSubmissions, saveSubmission } from '$lib/storage/submissions';
import { sync } from '$lib/sync/sync.svelte';
import { planImport, type ImportFile, type ImportPlan } from './import-plan';
import { localDay } from './streaks';
import { layoutZip } from './tinytorch-files';

const clean = (s: string | null) => (s && s.trim() ? s.trim() : null);

function withFields(p: Profile, f: ProfileFields): Profile {
	return {
		...p,
		location: { country: clean(f.country) },
		institution: { name: clean(f.institution) },
		context: { course_type: f.course_type ?? null, experience_level: f.experience_level ?? null, cohort: clean(f.cohort) }
	};
}

/**
 * Everything the student keeps on this device, as the pages see it. Loaded once per page
 * load; every change goes through the storage layer and then re-reads what it changed.
 */
class LocalStore {
	#status = $state<'loading' | 'ready' | 'unavailable'>('loading');
	#unavailable = $state<string | null>(null);
	#profile = $state<Profile | null>(null);
	#results = $state<BenchResult[]>([]);
	#submissions = $state<SubmissionRecord[]>([]);
	#config = $state<CliConfig>(DEFAULT_CONFIG);
	#preferences = $state<Preferences>(DEFAULT_PREFERENCES);
	#activity = $state<string[]>([]);
	#quarantine = $state<QuarantinedRecord[]>([]);
	#storage = $state<StorageInfo>({ usageBytes: null, quotaBytes: null, persisted: null });
	#loading: Promise<void> | null = null;
	#revision = $state(0);

	get status() { return this.#status; }
	get unavailable() { return this.#unavailable; }
	get profile() { return this.#profile; }
	get results() { return this.#results; }
	get submissions() { return this.#submissions; }
	get config() { return this.#config; }
	get preferences() { return this.#preferences; }
	get activity() { return this.#activity; }
	get quarantine() { return this.#quarantine; }
	get storage() { return this.#storage; }
	/** Changes whenever data is re-read from storage (an import, an erase), not on the page's own edits. */
	get revision() { return this.#revision; }

	load(): Promise<void> {
		this.#loading ??= this.#reload();
		return this.#loading;
	}

	async #reload() {
		try {
			await database();
			const [profile, results, submissions, config, preferences, activity] = await Promise.all([
				loadProfile(), listResults(), listSubmissions(), loadConfig(), loadPreferences(), loadActivity()
			]);
			// Quarantine last: the reads above are what move bad records there.
			this.#quarantine = await listQuarantine();
			this.#profile = profile;
			this.#results = results;
			this.#submissions = submissions;
			this.#config = config;
			this.#preferences = preferences;
			this.#activity = activity.days;
			this.#status = 'ready';
			this.#revision++;
		} catch (err) {
			this.#status = 'unavailable';
			this.#unavailable = (err as Error).message;
		}
		this.#storage = await storageInfo();
	}

	/** Re-reads everything (after an import, an erase, or a run saved elsewhere). */
	refresh(): Promise<void> {
		this.#loading = this.#reload();
		return this.#loading;
	}

	async #touch() {
		this.#activity = (await recordActivity(localDay(new Date()))).days;
	}

	/** `tito community join`: a new anonymous id, and the browser is asked to keep the data. */
	async join(fields: ProfileFields): Promise<void> {
		const now = new Date().toISOString();
		const fresh = profileSchema.parse({ anonymous_id: crypto.randomUUID(), joined_at: now, updated_at: now });
		this.#profile = await saveProfile(withFields(fresh, fields));
		await requestPersistence();
		await this.#touch();
		this.#storage = await storageInfo();
	}

	/** `tito community update`. */
	async update(fields: ProfileFields): Promise<void> {
		if (!this.#profile) return;
		this.#profile = await saveProfile({ ...withFields(this.#profile, fields), updated_at: new Date().toISOString() });
		await sync.changed('profile', this.#profile);
	}

	async setProgress(progress: Pick<Progress, 'modules' | 'milestones' | 'best_accuracy'>): Promise<void> {
		if (!this.#profile) return;
		this.#profile = await saveProfile({ ...this.#profile, progress: { ...this.#profile.progress, ...progress }, updated_at: new Date().toISOString() });
		await sync.changed('profile', this.#profile);
		await this.#touch();
	}

	/**
	 * The latest capstone run's score, into `progress.capstone_score` (the seed's field).
	 * Only a joined profile keeps it: false when there is none.
	 */
	async setCapstoneScore(score: number): Promise<boolean> {
		if (!this.#profile) return false;
		this.#profile = await saveProfile({ ...this.#profile, progress: { ...this.#profile.progress, capstone_score: score }, updated_at: new Date().toISOString() });
		await sync.changed('profile', this.#profile);
		return true;
	}

	async setPreferences(preferences: Preferences): Promise<void> {
		this.#preferences = await savePreferences(preferences);
	}

	/** Every finished run is saved here, joined or not (TinyTorch's "local save always"). */
	async saveRun(result: BenchResult): Promise<void> {
		await this.load();
		if (this.#status !== 'ready') throw new Error(this.#unavailable ?? 'Storage is not available.');
		const saved = await saveResult(result);
		this.#results = [saved, ...this.#results.filter((r) => r.id !== saved.id)];
		await sync.changed('result', saved);
		await this.#touch();
	}

	async saveSubmission(record: SubmissionRecord): Promise<void> {
		const saved = await saveSubmission(record);
		this.#submissions = [saved, ...this.#submissions];
		await sync.changed('submission', saved);
		await this.#touch();
	}

	async setConfig(config: CliConfig): Promise<void> {
		this.#config = await saveConfig(config);
	}

	/**
	 * `tito community leave`: every local record goes, in one transaction. If anything may
	 * be on the website, a deletion request stays behind and is sent until acknowledged.
	 */
	async leave(): Promise<void> {
		await eraseEverything(await sync.deletionFor());
		await this.refresh();
		await sync.afterLeave();
	}

	async exportZip(everything: boolean): Promise<Uint8Array> {
		return layoutZip(await loadLocalData(everything));
	}

	preview(files: ImportFile[]): ImportPlan {
		return planImport(files, { profile: this.#profile, submissions: this.#submissions, results: this.#results });
	}

	async import(plan: ImportPlan, replaceProfile: boolean): Promise<void> {
		await applyImport(plan, { replaceProfile });
		await this.refresh();
		for (const r of plan.results) await sync.changed('result', r);
		for (const x of plan.submissions) await sync.changed('submission', x);
	}
}

export const local = new LocalStore();
