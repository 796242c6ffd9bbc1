import { z } from 'zod';

/**
 * The CLI's `.tinytorch/config.json`, kept as it is so export and import round-trip.
 * Sync stays off until the student opts in; the website defaults to this app's own server.
 */
export const cliConfigSchema = z.object({
	website: z
		.object({
			base_url: z.string().max(300).nullable().default(null),
			community_map_url: z.string().max(300).nullable().default(null),
			api_url: z.string().max(300).nullable().default(null),
			enabled: z.boolean().default(false)
		})
		.default({ base_url: null, community_map_url: null, api_url: null, enabled: false }),
	local: z
		.object({ enabled: z.boolean().default(true), auto_sync: z.boolean().default(false) })
		.default({ enabled: true, auto_sync: false })
});
export type CliConfig = z.infer<typeof cliConfigSchema>;

/** Tito Web's own preferences. */
export const preferencesSchema = z.object({
	/** TinyTorch's "submit?" prompt after a benchmark. */
	auto_submit_prompt: z.boolean().default(true),
	/** Active days a week the student aims for. */
	weekly_target: z.number().int().min(1).max(7).default(3)
});
export type Preferences = z.infer<typeof preferencesSchema>;

/** Days (local 'YYYY-MM-DD') on which the student did something: ran, ticked, submitted. */
export const activitySchema = z.object({
	days: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)).max(5000)
});
export type Activity = z.infer<typeof activitySchema>;
