import { database } from './connection';
import type { QuarantinedRecord } from './db';

/** Records that could not be read: shown to the student, downloadable, never silently dropped. */
export async function listQuarantine(): Promise<QuarantinedRecord[]> {
	return (await database()).getAll('quarantine');
}

export async function clearQuarantine(): Promise<void> {
	await (await database()).clear('quarantine');
}
