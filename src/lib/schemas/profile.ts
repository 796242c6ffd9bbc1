import { z } from 'zod';

/**
 * The community profile, in the shape of TinyTorch's `.tinytorch/community/profile.json`
 * (the seed). Every field but the anonymous id is optional; free text is bounded.
 */
export const COURSE_TYPES = ['university', 'bootcamp', 'self-paced', 'high-school', 'industry', 'other'] as const;
export const EXPERIENCE_LEVELS = ['beginner', 'intermediate', 'advanced'] as const;

const text = (max: number) => z.string().trim().min(1).max(max);

export const profileSchema = z.object({
	anonymous_id: z.uuid({ version: 'v4' }),
	joined_at: z.string().min(10).max(40),
	updated_at: z.string().min(10).max(40).optional(),
	location: z.object({ country: text(80).nullable().optional() }).default({}),
	institution: z.object({ name: text(120).nullable().optional() }).default({}),
	context: z
		.object({
			course_type: z.enum(COURSE_TYPES).nullable().optional(),
			experience_level: z.enum(EXPERIENCE_LEVELS).nullable().optional(),
			cohort: text(60).nullable().optional()
		})
		.default({}),
	progress: z
		.object({
			milestones_passed: z.number().int().min(0).max(6).default(0),
			modules_completed: z.number().int().min(0).max(20).default(0),
			capstone_score: z.number().min(0).max(100).nullable().default(null)
		})
		.default({ milestones_passed: 0, modules_completed: 0, capstone_score: null })
});

export type Profile = z.infer<typeof profileSchema>;
