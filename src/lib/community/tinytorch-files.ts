import { strToU8, zipSync } from 'fflate';
import { PROFILE_FORMAT, type Profile } from '$lib/schemas/profile';
import type { BenchResult } from '$lib/schemas/result';
import type { Activity, CliConfig, Preferences } from '$lib/schemas/settings';
import { submissionKind, type SubmissionRecord } from '$lib/schemas/submission';

/**
 * The CLI's project-local layout, as files:
 *   .tinytorch/config.json
 *   .tinytorch/community/profile.json          (the seed's profile shape)
 *   .tinytorch/submissions/<type>_submission_<YYYYmmdd_HHMMSS>.json
 * and, in a full backup, what only Tito Web has, under .tinytorch/tito-web/ (the CLI ignores it).
 */
export interface LocalData {
	profile: Profile | null;
	config: CliConfig;
	submissions: SubmissionRecord[];
	/** Present in a full backup ("export everything"). */
	results?: BenchResult[];
	preferences?: Preferences;
	activity?: Activity;
	quarantine?: unknown[];
}

export const ROOT = '.tinytorch/';
const json = (value: unknown) => JSON.stringify(value, null, 2) + '\n';

/** 2026-11-23T12:04:05.000Z -> 20261123_120405, as the CLI names its files. */
export const fileStamp = (iso: string) => iso.slice(0, 19).replace(/[-:]/g, '').replace('T', '_');

/** The profile exactly as the seed shapes it, plus our additions (the CLI ignores extra keys). */
export function profileFile(p: Profile) {
	return { ...p, format: PROFILE_FORMAT };
}

export function submissionFileName(r: SubmissionRecord, taken: Set<string>): string {
	const stamp = fileStamp('timestamp' in r.file ? r.file.timestamp : r.created_at);
	let name = `${submissionKind(r)}_submission_${stamp}.json`;
	for (let n = 2; taken.has(name); n++) name = `${submissionKind(r)}_submission_${stamp}_${n}.json`;
	taken.add(name);
	return name;
}

export function layoutFiles(data: LocalData): Record<string, string> {
	const files: Record<string, string> = { [`${ROOT}config.json`]: json(data.config) };
	if (data.profile) files[`${ROOT}community/profile.json`] = json(profileFile(data.profile));
	const taken = new Set<string>();
	for (const s of data.submissions) {
		files[`${ROOT}submissions/${submissionFileName(s, taken)}`] = json({ ...s.file, submission_id: s.id, created_at: s.created_at, result_id: s.result_id });
	}
	for (const r of data.results ?? []) files[`${ROOT}tito-web/results/${fileStamp(r.started_at)}_${r.id}.json`] = json(r);
	if (data.preferences) files[`${ROOT}tito-web/preferences.json`] = json(data.preferences);
	if (data.activity) files[`${ROOT}tito-web/activity.json`] = json(data.activity);
	if (data.quarantine?.length) files[`${ROOT}tito-web/unreadable-records.json`] = json(data.quarantine);
	return files;
}

/** A zip of the layout. File times are fixed, so the same data always gives the same bytes. */
export function layoutZip(data: LocalData): Uint8Array {
	const entries = Object.fromEntries(
		Object.entries(layoutFiles(data)).map(([path, text]) => [path, [strToU8(text), { mtime: new Date('2000-01-01T00:00:00Z') }] as const])
	);
	return zipSync(entries as never, { level: 6 });
}
