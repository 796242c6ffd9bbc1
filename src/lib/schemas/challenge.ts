import { z } from 'zod';
import type { Band } from '$lib/community/relative';
import type { Table } from '$lib/server/community/suppression';
import { isoTimestamp } from './common';
import { DIVISIONS, OLYMPIC_EVENTS, module20SubmissionSchema } from './module20';
import { shownText } from './text';

/** Monthly challenges: an Olympics event, a division and dates; entries are Module 20 submissions. */
export const createChallengeSchema = z.object({
	title: shownText(80),
	event: z.enum(OLYMPIC_EVENTS),
	division: z.enum(DIVISIONS),
	starts_at: isoTimestamp,
	ends_at: isoTimestamp,
	/** With the cohort organiser's token: a challenge for that cohort. Without: the site admin's, for everyone. */
	cohort_code: z.string().min(1).max(16).optional()
});
export type CreateChallenge = z.infer<typeof createChallengeSchema>;

export const challengeEntrySchema = z.object({
	submission: module20SubmissionSchema,
	/** Given only by students who want to appear in their neighbours' view (and see theirs). */
	nickname: shownText(32).nullable().default(null)
});

export interface ChallengeInfo {
	id: string;
	title: string;
	event: (typeof OLYMPIC_EVENTS)[number];
	division: (typeof DIVISIONS)[number];
	starts_at: string;
	ends_at: string;
	cohort: { code: string; title: string } | null;
	status: 'upcoming' | 'open' | 'closed';
}

export interface ChallengeNeighbour {
	nickname: string;
	value: number;
	/** Places ahead (negative) or behind (positive); 0 is the viewer. */
	offset: number;
}

export interface ChallengeView {
	challenge: ChallengeInfo;
	min_cell: number;
	unit: string;
	better: 'lower' | 'higher';
	/** Entries per bin, in bin order, small cells suppressed. */
	distribution: Table;
	you: {
		value: number;
		bin: string;
		submitted_at: string;
		/** null while there are fewer entries than the minimum group size. */
		band: Band | null;
		/** null unless this student appears in the neighbour view themselves. */
		neighbours: ChallengeNeighbour[] | null;
	} | null;
}
