import { strFromU8, unzipSync } from 'fflate';
import { PROFILE_FORMAT, profileSchema, type Profile } from '$lib/schemas/profile';
import { benchResultSchema, type BenchResult } from '$lib/schemas/result';
import { activitySchema, cliConfigSchema, preferencesSchema, type CliConfig, type Preferences } from '$lib/schemas/settings';
import { cliSubmissionSchema, submissionRecordSchema, type SubmissionRecord } from '$lib/schemas/submission';
import { module20SubmissionSchema } from '$lib/schemas/module20';
import { MILESTONES, MODULES, idsFromCli, milestoneFromCli, moduleFromCli } from './catalog';
import type { LocalData } from './tinytorch-files';

/** Imports bigger than this are refused before they are read: a profile export is kilobytes. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
const MAX_FILE_BYTES = 2 * 1024 * 1024;

export interface ImportFile {
	path: string;
	bytes: Uint8Array;
}

export type ProfileAction =
	| { action: 'none' }
	| { action: 'add' | 'update'; incoming: Profile }
	| { action: 'keep-local'; incoming: Profile; reason: string }
	| { action: 'conflict'; incoming: Profile; reason: string };

/** What an import would do, shown to the student before anything is written. */
export interface ImportPlan {
	profile: ProfileAction;
	config: CliConfig | null;
	preferences: Preferences | null;
	submissions: SubmissionRecord[];
	results: BenchResult[];
	activityDays: string[];
	/** Already here (same id): skipped, not duplicated. */
	duplicates: number;
	/** Files that were not imported, each with the reason. */
	problems: string[];
	/** Notes on how something was read, e.g. counts turned into module names. */
	notes: string[];
}

export class ImportError extends Error {}

/** Reads a picked file: a zip of the layout, or one JSON file (a profile or a submission). */
export function filesFromUpload(name: string, bytes: Uint8Array): ImportFile[] {
	assertImportSize(bytes.length);
	if (name.toLowerCase().endsWith('.json')) return [{ path: name, bytes }];
	let entries: Record<string, Uint8Array>;
	try {
		entries = unzipSync(bytes, { filter: (f) => f.originalSize <= MAX_FILE_BYTES });
	} catch {
		throw new ImportError(`${name} is not a readable zip file (it may be damaged or only partly downloaded). Nothing was changed.`);
	}
	return Object.entries(entries)
		.filter(([path]) => !path.endsWith('/'))
		.map(([path, data]) => ({ path, bytes: data }));
}

/** Refuses an import by its size alone, before anything is read. */
export function assertImportSize(bytes: number) {
	if (bytes > MAX_IMPORT_BYTES) {
		throw new ImportError(`That is ${(bytes / 2 ** 20).toFixed(0)} MB; a Tito Web or .tinytorch export is far smaller (limit ${MAX_IMPORT_BYTES / 2 ** 20} MB). Nothing was changed.`);
	}
}

type Kind = 'config' | 'profile' | 'submission' | 'result' | 'preferences' | 'activity' | 'ignored';

/** Where a file sits in the layout, whatever folder the student zipped or picked around it. */
export function classify(path: string): Kind {
	const p = path.replaceAll('\\', '/').toLowerCase();
	const rel = p.includes('.tinytorch/') ? p.slice(p.lastIndexOf('.tinytorch/') + '.tinytorch/'.length) : p;
	const tail = (n: number) => rel.split('/').slice(-n).join('/');
	if (!rel.endsWith('.json') || rel.split('/').some((s) => s.startsWith('__macosx') || s.startsWith('._'))) return 'ignored';
	if (/^tito-web\/results\/[^/]+$/.test(tail(3))) return 'result';
	if (tail(2) === 'tito-web/preferences.json') return 'preferences';
	if (tail(2) === 'tito-web/activity.json') return 'activity';
	if (/^submissions\/[^/]+$/.test(tail(2))) return 'submission';
	if (tail(2) === 'community/profile.json' || tail(1) === 'profile.json') return 'profile';
	if (tail(1) === 'config.json') return 'config';
	return 'ignored';
}

const newer = (fmt: unknown, current: string) => {
	if (typeof fmt !== 'string') return false;
	const [name, version] = fmt.split('@');
	const [curName, curVersion] = current.split('@');
	return name === curName && Number(version) > Number(curVersion);
};

const firstIssue = (e: { issues: { path: PropertyKey[]; message: string }[] }) =>
	`${e.issues[0].path.map(String).join('.') || 'file'}: ${e.issues[0].message}`;

/**
 * A profile from the CLI may give progress as counts only (the seed), or as the CLI's
 * progress payload (`module_progress`, `milestone_progress`); both become names here.
 */
function readProfile(data: Record<string, unknown>, notes: string[]): ReturnType<typeof profileSchema.safeParse> {
	const progress = { ...((data.progress as Record<string, unknown>) ?? {}) };
	if (!Array.isArray(progress.modules) && data.module_progress !== undefined) progress.modules = idsFromCli(data.module_progress, moduleFromCli);
	if (!Array.isArray(progress.milestones) && data.milestone_progress !== undefined) progress.milestones = idsFromCli(data.milestone_progress, milestoneFromCli);
	const count = (n: unknown, max: number) => (typeof n === 'number' && Number.isInteger(n) ? Math.min(Math.max(n, 0), max) : 0);
	if (!Array.isArray(progress.modules) && count(progress.modules_completed, MODULES.length)) {
		const n = count(progress.modules_completed, MODULES.length);
		progress.modules = MODULES.slice(0, n).map((m) => m.id);
		notes.push(`The profile gives ${n} modules completed but not which: modules 01–${String(n).padStart(2, '0')} are marked (TinyTorch's modules build on each other). Change them on your profile if that is wrong.`);
	}
	if (!Array.isArray(progress.milestones) && count(progress.milestones_passed, MILESTONES.length)) {
		const n = count(progress.milestones_passed, MILESTONES.length);
		progress.milestones = MILESTONES.slice(0, n).map((m) => m.id);
		notes.push(`The profile gives ${n} milestones passed but not which: the first ${n} are marked.`);
	}
	return profileSchema.safeParse({ ...data, format: PROFILE_FORMAT, progress });
}

function planProfile(incoming: Profile, local: Profile | null): ProfileAction {
	if (!local) return { action: 'add', incoming };
	if (incoming.anonymous_id !== local.anonymous_id) {
		return { action: 'conflict', incoming, reason: `The file holds a different profile (id ${incoming.anonymous_id.slice(0, 8)}…) from the one on this device (id ${local.anonymous_id.slice(0, 8)}…).` };
	}
	const stamp = (p: Profile) => p.updated_at ?? p.joined_at;
	if (stamp(incoming) > stamp(local)) return { action: 'update', incoming };
	return { action: 'keep-local', incoming, reason: 'The profile on this device is as new or newer than the one in the file, so it is kept.' };
}

function submissionFrom(data: Record<string, unknown>): ReturnType<typeof submissionRecordSchema.safeParse> {
	const file = 'submission_type' in data ? module20SubmissionSchema.safeParse(data) : cliSubmissionSchema.safeParse(data);
	if (!file.success) return file as never;
	const timestamp = String(data.timestamp);
	return submissionRecordSchema.safeParse({
		schema: 'tito-web/submission@1',
		// A CLI file has no id: its type and timestamp identify it, so importing it twice adds it once.
		id: typeof data.submission_id === 'string' ? data.submission_id : `cli:${'submission_type' in data ? 'capstone' : data.benchmark_type}:${timestamp}`,
		created_at: typeof data.created_at === 'string' ? data.created_at : timestamp,
		result_id: typeof data.result_id === 'string' ? data.result_id : null,
		file: file.data
	});
}

/** Validates every file and works out the merge with what is on this device. Writes nothing. */
export function planImport(files: ImportFile[], local: Pick<LocalData, 'profile' | 'submissions' | 'results'>): ImportPlan {
	assertImportSize(files.reduce((n, f) => n + f.bytes.length, 0));
	const plan: ImportPlan = { profile: { action: 'none' }, config: null, preferences: null, submissions: [], results: [], activityDays: [], duplicates: 0, problems: [], notes: [] };
	const haveSubmissions = new Set(local.submissions.map((s) => s.id));
	const haveResults = new Set((local.results ?? []).map((r) => r.id));
	for (const file of files) {
		const kind = classify(file.path);
		if (kind === 'ignored') continue;
		let data: Record<string, unknown>;
		try {
			data = JSON.parse(strFromU8(file.bytes));
			if (!data || typeof data !== 'object' || Array.isArray(data)) throw new Error();
		} catch {
			plan.problems.push(`${file.path}: not valid JSON, skipped.`);
			continue;
		}
		const skip = (why: string) => plan.problems.push(`${file.path}: ${why}, skipped.`);
		switch (kind) {
			case 'profile': {
				if (newer(data.format, PROFILE_FORMAT)) skip(`written by a newer version of Tito Web (${data.format}); update the app to import it`);
				else {
					const parsed = readProfile(data, plan.notes);
					if (parsed.success) plan.profile = planProfile(parsed.data, local.profile);
					else skip(`not a profile we can read (${firstIssue(parsed.error)})`);
				}
				break;
			}
			case 'config': {
				const parsed = cliConfigSchema.safeParse(data);
				if (!parsed.success) skip(`not a TinyTorch config.json (${firstIssue(parsed.error)})`);
				else {
					// Sync needs the student's consent on this device: a file can never switch it on.
					if (parsed.data.website.enabled) plan.notes.push('config.json has website sync turned on; it stays off here until you opt in on this device.');
					plan.config = { ...parsed.data, website: { ...parsed.data.website, enabled: false } };
				}
				break;
			}
			case 'preferences': {
				const parsed = preferencesSchema.safeParse(data);
				if (parsed.success) plan.preferences = parsed.data;
				else skip(`unreadable preferences (${firstIssue(parsed.error)})`);
				break;
			}
			case 'activity': {
				const parsed = activitySchema.safeParse(data);
				if (parsed.success) plan.activityDays.push(...parsed.data.days);
				else skip(`unreadable activity (${firstIssue(parsed.error)})`);
				break;
			}
			case 'submission': {
				const parsed = submissionFrom(data);
				if (!parsed.success) skip(`not a submission we can read (${firstIssue(parsed.error)})`);
				else if (haveSubmissions.has(parsed.data.id)) plan.duplicates++;
				else {
					haveSubmissions.add(parsed.data.id);
					plan.submissions.push(parsed.data);
					plan.activityDays.push(parsed.data.created_at.slice(0, 10));
				}
				break;
			}
			case 'result': {
				if (newer(data.schema, 'tito-web/result@1')) skip(`written by a newer version of Tito Web (${data.schema})`);
				else {
					const parsed = benchResultSchema.safeParse(data);
					if (!parsed.success) skip(`not a result we can read (${firstIssue(parsed.error)})`);
					else if (haveResults.has(parsed.data.id)) plan.duplicates++;
					else {
						haveResults.add(parsed.data.id);
						plan.results.push(parsed.data);
					}
				}
				break;
			}
		}
	}
	return plan;
}

/** One line for the preview: "will add 3 submissions, update your profile". */
export function describePlan(plan: ImportPlan): string {
	const parts: string[] = [];
	const n = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
	if (plan.profile.action === 'add') parts.push('add your profile');
	if (plan.profile.action === 'update') parts.push('update your profile');
	if (plan.submissions.length) parts.push(`add ${n(plan.submissions.length, 'submission')}`);
	if (plan.results.length) parts.push(`add ${n(plan.results.length, 'result')}`);
	if (plan.config) parts.push('set the website settings from config.json');
	if (plan.preferences) parts.push('set your preferences');
	if (!parts.length) return plan.duplicates ? `Nothing new: everything in the file is already here (${n(plan.duplicates, 'record')}).` : 'Nothing to import from this file.';
	return `This will ${parts.join(', ')}${plan.duplicates ? ` (${n(plan.duplicates, 'record')} already here, skipped)` : ''}.`;
}
