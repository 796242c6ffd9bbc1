import { idsFromCli, milestoneFromCli, moduleFromCli } from '$lib/community/catalog';
import type { TitoProgress } from '$lib/schemas/api';
import { profileSchema, type Profile } from '$lib/schemas/profile';
import type { Db } from '../db';
import { ApiError } from '../http';
import { upsertProfile } from './ingest';

/**
 * The TinyTorch CLI's progress upload, mapped into the same profile row the browser
 * writes: modules and milestones by name, everything else the student set kept as is.
 */
export async function titoProgress(db: Db, p: TitoProgress): Promise<{ modules: number; milestones: number }> {
	const [row] = await db.query<{ body: unknown }>('select body from profiles where anonymous_id = $1', [p.user_id]);
	const stored = row ? profileSchema.safeParse(typeof row.body === 'string' ? JSON.parse(row.body) : row.body) : null;
	const base: Profile = stored?.success ? stored.data : profileSchema.parse({ anonymous_id: p.user_id, joined_at: p.timestamp });
	const modules = idsFromCli(p.module_progress, moduleFromCli);
	const milestones = idsFromCli(p.milestone_progress, milestoneFromCli);
	const next = profileSchema.safeParse({ ...base, updated_at: p.timestamp, progress: { ...base.progress, modules, milestones } });
	if (!next.success) throw new ApiError(422, 'invalid', 'The progress does not fit a TinyTorch profile.');
	await upsertProfile(db, p.user_id, next.data);
	return { modules: modules.length, milestones: milestones.length };
}
