import { z } from 'zod';
import type { Table } from '$lib/server/community/suppression';
import type { ChallengeView } from './challenge';
import { shownText } from './text';

/** Cohorts: created by an organiser, joined by students with the code. Views are aggregates only. */
export const createCohortSchema = z.object({ title: shownText(80) });
export const joinCohortSchema = z.object({ code: z.string().min(1).max(16) });

export interface CohortInfo {
	code: string;
	title: string;
	created_at: string;
	expires_at: string;
}

/** A student's cohort page: distributions with small cells suppressed, and their own bins. */
export interface CohortView {
	cohort: CohortInfo | null;
	min_cell: number;
	members: Table;
	modules: Table;
	milestones: Table;
	levels: Table;
	/** The bins this student is in ("you are here"). */
	you: { modules: string; milestones: string; level: string } | null;
}

/** One week of the organiser's view; every count through the same suppression as public pages. */
export interface CohortWeek {
	/** Monday, UTC. */
	week: string;
	members: string;
	active: string;
	/** Median modules completed by the end of the week; null under the minimum group size. */
	median_modules: number | null;
	modules: Table;
}

export interface CohortAdminView {
	cohort: CohortInfo;
	min_cell: number;
	weeks: CohortWeek[];
	/** The cohort's challenges, as distributions. */
	challenges: ChallengeView[];
}
