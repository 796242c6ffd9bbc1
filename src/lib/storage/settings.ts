import { activitySchema, cliConfigSchema, preferencesSchema, type Activity, type CliConfig, type Preferences } from '$lib/schemas/settings';
import { database } from './connection';
import { readOne, writeOne } from './records';

// Defaults come from the schemas: a fresh install reads the same as the CLI's defaults.
export const DEFAULT_CONFIG: CliConfig = cliConfigSchema.parse({});
export const DEFAULT_PREFERENCES: Preferences = preferencesSchema.parse({});

export async function loadConfig(): Promise<CliConfig> {
	return (await readOne(await database(), 'settings', 'config', cliConfigSchema)) ?? DEFAULT_CONFIG;
}

export async function saveConfig(config: CliConfig): Promise<CliConfig> {
	return writeOne(await database(), 'settings', cliConfigSchema, config, 'config');
}

export async function loadPreferences(): Promise<Preferences> {
	return (await readOne(await database(), 'settings', 'preferences', preferencesSchema)) ?? DEFAULT_PREFERENCES;
}

export async function savePreferences(preferences: Preferences): Promise<Preferences> {
	return writeOne(await database(), 'settings', preferencesSchema, preferences, 'preferences');
}

export async function loadActivity(): Promise<Activity> {
	return (await readOne(await database(), 'settings', 'activity', activitySchema)) ?? { days: [] };
}

/** Marks days as active (a run, a ticked module, a submission); at most one entry per day. */
export async function recordActivity(...days: string[]): Promise<Activity> {
	const current = await loadActivity();
	const merged = [...new Set([...current.days, ...days])].sort().slice(-5000);
	if (merged.length === current.days.length) return current;
	return writeOne(await database(), 'settings', activitySchema, { days: merged }, 'activity');
}
