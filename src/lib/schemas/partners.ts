import { z } from 'zod';
import { LEVELS, type LevelId } from '$lib/community/levels';
import { tokenSchema } from './api';
import { isoTimestamp } from './common';
import { shownText } from './text';

/**
 * Study-partner matching: what a student sends when they opt in (a separate consent from
 * sync), and what they see back. A partner sees only the nickname and the contact handle.
 */
export const LEVEL_IDS = LEVELS.map((l) => l.id) as [LevelId, ...LevelId[]];

export const partnerSignupSchema = z.object({
	nickname: shownText(32),
	/** Where a partner can reach them, in their words: a forum name, a chat handle. */
	contact: shownText(120),
	/** ISO 639 code of the language they want to study in. */
	language: z.string().regex(/^[a-z]{2,3}$/, 'a language code such as en, es or zh'),
	/** Whole hours from UTC: the time-zone band, never the zone itself. */
	utc_offset: z.number().int().min(-12).max(14),
	level: z.enum(LEVEL_IDS),
	/** Waiting in the pool for a partner. */
	seeking: z.boolean()
});
export type PartnerSignup = z.infer<typeof partnerSignupSchema>;

export const REPORT_REASONS = ['no_show', 'unkind', 'spam', 'unsafe', 'other'] as const;

export const matchActionSchema = z.discriminatedUnion('action', [
	z.object({ action: z.literal('end') }),
	z.object({ action: z.literal('helped') }),
	z.object({ action: z.literal('block') }),
	z.object({ action: z.literal('report'), reason: z.enum(REPORT_REASONS) })
]);
export type MatchAction = z.infer<typeof matchActionSchema>;

export interface PartnerMatch {
	id: string;
	nickname: string;
	contact: string;
	since: string;
	expires_at: string;
	helped_by_me: boolean;
}

export interface PartnerView {
	profile: (PartnerSignup & { seeking_until: string | null }) | null;
	/** The cohort partners come from; null: from the students in no cohort. */
	pool: { code: string; title: string } | null;
	match: PartnerMatch | null;
	/** How the last match ended, while the student has not looked for a new one since. */
	last_ended: 'ended' | 'expired' | null;
	/** "Helped me" marks this student received: shown to them only. */
	helped_received: number;
	/** Why matching is paused for this device, if it is. */
	paused: string | null;
}

/** Kept on the device (the `consent` store): the partner consent and the credentials it registered with. */
export const partnerStateSchema = z.object({
	schema: z.literal('tito-web/partners@1'),
	anonymous_id: z.uuid(),
	token: tokenSchema,
	consent: z.object({ version: z.string().max(40), agreed_at: isoTimestamp, text: z.string().max(4000) })
});
export type PartnerState = z.infer<typeof partnerStateSchema>;
