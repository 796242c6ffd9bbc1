import { olympicEvents } from '$lib/capstone/olympics';
import { improvements } from '$lib/capstone/submission';
import type { CreateChallenge } from '$lib/schemas/challenge';
import type { DIVISIONS, Module20Submission, OLYMPIC_EVENTS } from '$lib/schemas/module20';
import { ApiError } from '../http';

/**
 * The server's own checks on challenges and entries. The Module 20 schema (with its 50× and
 * 32× rules) has already run when these are called; these add what it cannot know: the
 * challenge's dates, event and division, and whether the numbers agree with each other.
 */
export const MAX_CHALLENGE_DAYS = 62;
const CLOCK_SKEW_MS = 5 * 60_000;
const DAY = 86_400_000;

const invalid = (code: string, message: string) => new ApiError(422, code, message);
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const time = (s: string) => Date.parse(s.length === 10 ? `${s}T00:00:00Z` : s.replace(' ', 'T'));

export function checkChallengeDates(c: Pick<CreateChallenge, 'starts_at' | 'ends_at'>, now = new Date()): { starts: Date; ends: Date } {
	const starts = time(c.starts_at);
	const ends = time(c.ends_at);
	if (!(ends > starts)) throw invalid('bad_dates', 'The challenge must end after it starts.');
	if (ends - starts > MAX_CHALLENGE_DAYS * DAY) throw invalid('bad_dates', `A monthly challenge runs at most ${MAX_CHALLENGE_DAYS} days; make it shorter.`);
	if (ends <= now.getTime()) throw invalid('bad_dates', 'That end date has already passed.');
	if (starts > now.getTime() + 366 * DAY) throw invalid('bad_dates', 'A challenge can be planned at most a year ahead.');
	return { starts: new Date(starts), ends: new Date(ends) };
}

export interface ChallengeRules {
	event: (typeof OLYMPIC_EVENTS)[number];
	division: (typeof DIVISIONS)[number];
	starts_at: string;
	ends_at: string;
}

const close = (a: number, b: number) => Math.abs(a - b) <= 0.01 * Math.abs(b) + 1e-9;

/** The entry's number for the challenge's event, or a 422 saying in words what is wrong. */
export function entryValue(ch: ChallengeRules, s: Module20Submission, shipped: Set<string>, now = new Date()): number {
	const opens = time(ch.starts_at);
	const closes = time(ch.ends_at);
	if (now.getTime() < opens) throw invalid('not_open', `This challenge opens on ${day(opens)}; submit then.`);
	if (now.getTime() >= closes) throw invalid('closed', `This challenge closed on ${day(closes)}.`);
	const ran = time(s.timestamp);
	if (ran < opens) throw invalid('too_early', `This run is from ${day(ran)}, before the challenge opened (${day(opens)}): make a new capstone run for it.`);
	if (ran > now.getTime() + CLOCK_SKEW_MS) throw invalid('future', "This run's time is in the future: check this device's clock and run again.");
	if (s.event && s.event !== ch.event) throw invalid('wrong_event', `This submission is for ${s.event.replace('_', ' ')}, the challenge is ${ch.event.replace('_', ' ')}.`);
	if (s.division && s.division !== ch.division) throw invalid('wrong_division', `This submission is for the ${s.division} division, the challenge is ${ch.division}.`);

	const measured = s.optimized ?? s.baseline;
	if (s.optimized && !s.improvements) throw invalid('implausible', 'An optimised model needs its improvements (speedup, compression, accuracy change).');
	if (!s.optimized && s.improvements) throw invalid('implausible', 'Improvements were given without the optimised model they describe.');
	if (s.optimized && s.improvements) {
		const expected = improvements(s.baseline.metrics, s.optimized.metrics);
		if (!close(s.improvements.speedup, expected.speedup) || !close(s.improvements.compression_ratio, expected.compression_ratio) || Math.abs(s.improvements.accuracy_delta - expected.accuracy_delta) > 1e-6)
			throw invalid('implausible', 'The improvements do not follow from the two models’ metrics: re-create the submission from the run.');
	}
	for (const [name, m] of [['baseline', s.baseline], ['optimised', s.optimized]] as const) {
		// Below one bit per parameter no model is stored, whatever the compression.
		if (m && m.metrics.model_size_mb * 8e6 < m.metrics.parameter_count * 0.99)
			throw invalid('implausible', `The ${name} model is ${m.metrics.model_size_mb} MB for ${m.metrics.parameter_count} parameters: under one bit per parameter.`);
	}
	if (ch.division === 'closed') {
		if (!measured.model_sha256) throw invalid('closed_division', 'The closed division needs the model’s SHA-256: run the capstone on a shipped model so the submission carries its hash.');
		if (!shipped.has(measured.model_sha256))
			throw invalid('closed_division', shipped.size ? 'The closed division is for the models this site ships; this model is not one of them. Enter the open division instead.' : 'This site has no closed-division models set up; enter an open-division challenge.');
	}
	const outcome = olympicEvents(measured.metrics, s.baseline.metrics).find((o) => o.event === ch.event)!;
	if (!outcome.qualifies) throw invalid('does_not_qualify', `This run does not qualify for the ${outcome.title.toLowerCase()}: ${outcome.reason}`);
	return outcome.value;
}
