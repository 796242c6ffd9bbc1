/**
 * Weekly activity instead of fragile daily streaks: the student sets how many active days a
 * week they aim for; a week counts when it reaches the target. Missing a day never resets
 * anything, and the current week never breaks a streak while it is still going on.
 */

/** 'YYYY-MM-DD' in the student's own time zone. */
export function localDay(date: Date): string {
	const p = (n: number) => String(n).padStart(2, '0');
	return `${date.getFullYear()}-${p(date.getMonth() + 1)}-${p(date.getDate())}`;
}

/** The Monday (as 'YYYY-MM-DD') of the ISO week that holds `day`. */
export function weekOf(day: string): string {
	const [y, m, d] = day.split('-').map(Number);
	const date = new Date(Date.UTC(y, m - 1, d));
	date.setUTCDate(date.getUTCDate() - ((date.getUTCDay() + 6) % 7));
	return date.toISOString().slice(0, 10);
}

const addWeeks = (monday: string, n: number) => {
	const date = new Date(`${monday}T00:00:00Z`);
	date.setUTCDate(date.getUTCDate() + 7 * n);
	return date.toISOString().slice(0, 10);
};

export interface WeekActivity {
	week: string;
	activeDays: number;
	met: boolean;
}

export interface WeeklyStreak {
	target: number;
	/** Consecutive weeks that met the target, ending with last week — or this week once it has. */
	current: number;
	longest: number;
	thisWeek: WeekActivity;
	/** The last `span` weeks, oldest first, for a small chart. */
	recent: WeekActivity[];
	totalActiveDays: number;
}

export function weeklyStreak(activeDays: Iterable<string>, target: number, today: string, span = 8): WeeklyStreak {
	const perWeek = new Map<string, number>();
	const days = new Set(activeDays);
	for (const day of days) perWeek.set(weekOf(day), (perWeek.get(weekOf(day)) ?? 0) + 1);
	const at = (week: string): WeekActivity => {
		const activeDays = perWeek.get(week) ?? 0;
		return { week, activeDays, met: activeDays >= target };
	};
	const thisWeek = at(weekOf(today));

	let current = thisWeek.met ? 1 : 0;
	for (let w = addWeeks(thisWeek.week, -1); at(w).met; w = addWeeks(w, -1)) current++;

	let longest = 0;
	for (const week of [...perWeek.keys()].sort()) {
		if (!at(week).met || at(addWeeks(week, -1)).met) continue;
		let run = 0;
		for (let w = week; at(w).met; w = addWeeks(w, 1)) run++;
		longest = Math.max(longest, run);
	}

	const recent = Array.from({ length: span }, (_, i) => at(addWeeks(thisWeek.week, i - span + 1)));
	return { target, current, longest, thisWeek, recent, totalActiveDays: days.size };
}
