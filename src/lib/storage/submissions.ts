import { submissionRecordSchema, type SubmissionRecord } from '$lib/schemas/submission';
import { database } from './connection';
import { readAll, writeOne } from './records';

export async function listSubmissions(): Promise<SubmissionRecord[]> {
	const all = await readAll(await database(), 'submissions', submissionRecordSchema);
	return all.sort((a, b) => b.created_at.localeCompare(a.created_at));
}

export async function saveSubmission(record: SubmissionRecord): Promise<SubmissionRecord> {
	return writeOne(await database(), 'submissions', submissionRecordSchema, record);
}
