import { MODULE_BINS, binDisplay } from '$lib/community/bins';
import { toCsv } from '$lib/live/csv';
import type { CohortAdminView } from '$lib/schemas/cohort';

/** The organiser's weekly view as CSV: the same suppressed figures as the page, one row per week. */
export function cohortCsv(view: Pick<CohortAdminView, 'weeks' | 'min_cell'>): string {
	const header = ['week', 'members', 'active_this_week', 'median_modules_completed', ...MODULE_BINS.labels.map((l) => `modules_${l.replace('–', '_to_')}`)];
	const rows = view.weeks.map((w) => [
		w.week,
		w.members,
		w.active,
		w.median_modules,
		...MODULE_BINS.labels.map((l) => binDisplay(w.modules, l, view.min_cell))
	]);
	return toCsv(header, rows);
}
