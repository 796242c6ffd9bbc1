import { profileSchema, type Profile } from '$lib/schemas/profile';
import { database } from './connection';
import { readOne, writeOne } from './records';

const KEY = 'me';

export async function loadProfile(): Promise<Profile | null> {
	return readOne(await database(), 'profile', KEY, profileSchema);
}

/** Saves the profile, keeping the seed's counts in step with the named modules and milestones. */
export async function saveProfile(profile: Profile): Promise<Profile> {
	const progress = { ...profile.progress, modules_completed: profile.progress.modules.length, milestones_passed: profile.progress.milestones.length };
	return writeOne(await database(), 'profile', profileSchema, { ...profile, progress }, KEY);
}
