import type { ImportPlan } from '$lib/community/import-plan';
import type { LocalData } from '$lib/community/tinytorch-files';
import { profileSchema } from '$lib/schemas/profile';
import { benchResultSchema } from '$lib/schemas/result';
import { activitySchema, cliConfigSchema, preferencesSchema } from '$lib/schemas/settings';
import { submissionRecordSchema } from '$lib/schemas/submission';
import { database } from './connection';
import { loadProfile } from './profile';
import { listQuarantine } from './quarantine';
import { writeMany } from './records';
import { listResults } from './results';
import { loadActivity, loadConfig, loadPreferences } from './settings';
import { listSubmissions } from './submissions';

/** Everything on this device, for an export (`everything` adds what only Tito Web keeps). */
export async function loadLocalData(everything: boolean): Promise<LocalData> {
	const [profile, config, submissions] = await Promise.all([loadProfile(), loadConfig(), listSubmissions()]);
	if (!everything) return { profile, config, submissions };
	const [results, preferences, activity, quarantine] = await Promise.all([listResults(), loadPreferences(), loadActivity(), listQuarantine()]);
	return { profile, config, submissions, results, preferences, activity, quarantine };
}

/**
 * Writes a previewed import in one transaction: all of it or, on any failure (a full disk),
 * none of it. A conflicting profile is replaced only when the student chose to.
 */
export async function applyImport(plan: ImportPlan, opts: { replaceProfile: boolean }): Promise<void> {
	const [config, activity] = await Promise.all([loadConfig(), loadActivity()]);
	const writes: Parameters<typeof writeMany>[1] = [];
	const p = plan.profile;
	if (p.action === 'add' || p.action === 'update' || (p.action === 'conflict' && opts.replaceProfile)) {
		writes.push({ store: 'profile', key: 'me', value: profileSchema.parse(p.incoming) });
	}
	for (const s of plan.submissions) writes.push({ store: 'submissions', value: submissionRecordSchema.parse(s) });
	for (const r of plan.results) writes.push({ store: 'results', value: benchResultSchema.parse(r) });
	if (plan.config) {
		// Whether sync is on is this device's own decision, made on the consent screen.
		writes.push({ store: 'settings', key: 'config', value: cliConfigSchema.parse({ ...plan.config, website: { ...plan.config.website, enabled: config.website.enabled } }) });
	}
	if (plan.preferences) writes.push({ store: 'settings', key: 'preferences', value: preferencesSchema.parse(plan.preferences) });
	if (plan.activityDays.length) {
		const days = [...new Set([...activity.days, ...plan.activityDays])].sort().slice(-5000);
		writes.push({ store: 'settings', key: 'activity', value: activitySchema.parse({ days }) });
	}
	await writeMany(await database(), writes);
}
