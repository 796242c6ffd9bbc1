import { z } from 'zod';
import { isoTimestamp } from './common';

/**
 * Request bodies of the website API that have no record schema of their own. Profiles,
 * results and submissions are sent as their record schemas (profile.ts, result.ts,
 * submission.ts): one schema per record, shared by client, worker and server.
 */

/** 32 random bytes, base64url without padding. */
export const tokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'a token is 32 random bytes in base64url');

export const consentSchema = z.object({
	/** Which text the student agreed to. */
	version: z.string().min(1).max(40),
	agreed_at: isoTimestamp
});
export type Consent = z.infer<typeof consentSchema>;

/** What a registration is for: sync (profile, results, submissions) or study-partner matching only. */
export const CONSENT_SCOPES = ['sync', 'partners'] as const;
export type ConsentScope = (typeof CONSENT_SCOPES)[number];

export const registerSchema = z.object({
	anonymous_id: z.uuid({ version: 'v4' }),
	token: tokenSchema,
	consent: consentSchema,
	scope: z.enum(CONSENT_SCOPES).default('sync')
});
export type RegisterRequest = z.infer<typeof registerSchema>;

/** The TinyTorch CLI's progress upload. */
export const titoProgressSchema = z.object({
	user_id: z.uuid(),
	timestamp: isoTimestamp,
	version: z.string().max(40),
	module_progress: z.union([
		z.array(z.union([z.string().max(80), z.number().int()])).max(100),
		z.record(z.string().max(80), z.union([z.boolean(), z.object({ completed: z.boolean().optional() }).loose()]))
	]),
	milestone_progress: z
		.union([
			z.array(z.union([z.string().max(80), z.number().int()])).max(100),
			z.record(z.string().max(80), z.union([z.boolean(), z.object({ completed: z.boolean().optional() }).loose()]))
		])
		.default([]),
	statistics: z.object({ current_streak_days: z.number().int().min(0).max(100_000).optional() }).loose().default({})
});
export type TitoProgress = z.infer<typeof titoProgressSchema>;

/** Every API error: a status, a machine-readable code and a sentence. */
export interface ApiErrorBody {
	error: { code: string; message: string; issues?: { path: string; message: string }[] };
}
