import { benchResultSchema, type BenchResult } from '$lib/schemas/result';
import { database } from './connection';
import { readAll, readOne, writeOne } from './records';

/** Every saved run, newest first. */
export async function listResults(): Promise<BenchResult[]> {
	const all = await readAll(await database(), 'results', benchResultSchema);
	return all.sort((a, b) => b.started_at.localeCompare(a.started_at));
}

export async function loadResult(id: string): Promise<BenchResult | null> {
	return readOne(await database(), 'results', id, benchResultSchema);
}

export async function saveResult(result: BenchResult): Promise<BenchResult> {
	return writeOne(await database(), 'results', benchResultSchema, result);
}

export async function deleteResult(id: string): Promise<void> {
	await (await database()).delete('results', id);
}
