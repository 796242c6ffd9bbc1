import { z } from 'zod';
import { isoTimestamp } from './common';
import { MILESTONE_IDS, MODULE_IDS } from '$lib/community/catalog';

/**
 * The community profile, in the shape of TinyTorch's `.tinytorch/community/profile.json`
 * (the seed). Every field but the anonymous id is optional; free text is bounded.
 * Beyond the seed: the modules and milestones by name (the seed keeps only their counts,
 * which stay in step), the best accuracy the student reached, and `format`, so a file
 * written by a newer version is recognised instead of misread.
 */
export const PROFILE_FORMAT = 'tito-web/profile@1';
export const COURSE_TYPES = ['university', 'bootcamp', 'self-paced', 'high-school', 'industry', 'other'] as const;
export const EXPERIENCE_LEVELS = ['beginner', 'intermediate', 'advanced'] as const;

const text = (max: number) => z.string().trim().min(1).max(max);
const timestamp = isoTimestamp;

export const progressSchema = z.object({
	milestones_passed: z.number().int().min(0).max(MILESTONE_IDS.length).default(0),
	modules_completed: z.number().int().min(0).max(MODULE_IDS.length).default(0),
	capstone_score: z.number().min(0).max(100).nullable().default(null),
	modules: z.array(z.enum(MODULE_IDS)).max(MODULE_IDS.length).default([]),
	milestones: z.array(z.enum(MILESTONE_IDS)).max(MILESTONE_IDS.length).default([]),
	/** Best accuracy in percent, from the student's own training runs (levels use it). */
	best_accuracy: z.number().min(0).max(100).nullable().default(null)
});

export const profileSchema = z.object({
	format: z.literal(PROFILE_FORMAT).default(PROFILE_FORMAT),
	anonymous_id: z.uuid({ version: 'v4' }),
	joined_at: timestamp,
	updated_at: timestamp.optional(),
	location: z.object({ country: text(80).nullable().optional() }).default({}),
	institution: z.object({ name: text(120).nullable().optional() }).default({}),
	context: z
		.object({
			course_type: z.enum(COURSE_TYPES).nullable().optional(),
			experience_level: z.enum(EXPERIENCE_LEVELS).nullable().optional(),
			cohort: text(60).nullable().optional()
		})
		.default({}),
	progress: progressSchema.default(progressSchema.parse({}))
});

export type Profile = z.infer<typeof profileSchema>;
export type Progress = z.infer<typeof progressSchema>;

/** What the join and update forms edit: everything but the id and the timestamps. */
export interface ProfileFields {
	country: string | null;
	institution: string | null;
	course_type: Profile['context']['course_type'];
	experience_level: Profile['context']['experience_level'];
	cohort: string | null;
}
