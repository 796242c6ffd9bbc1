import { describe, expect, it } from 'vitest';
import { EVENT_SCALES, MILESTONE_BINS, MODULE_BINS, binDisplay } from '$lib/community/bins';
import { bestPartner, compatible, type Seeker } from '$lib/community/matching';
import { aheadOf, compareEntries, neighbourWindow, percentileBand } from '$lib/community/relative';
import { module20SubmissionSchema, type Module20Submission } from '$lib/schemas/module20';
import { partnerSignupSchema } from '$lib/schemas/partners';
import { checkChallengeDates, entryValue, type ChallengeRules } from '$lib/server/community/challenge-rules';
import { ApiError } from '$lib/server/http';

const seeker = (over: Partial<Seeker> = {}): Seeker => ({
	id: 'me', pool: 'CDFGHJ', language: 'en', utc_offset: 1, level: 'learning', since: '2026-11-01T00:00:00.000Z', ...over
});

describe('study-partner matching rules', () => {
	it('needs the same cohort (or none for both), language, at most 3 hours and one level apart', () => {
		const me = seeker();
		expect(compatible(me, seeker({ id: 'a' }))).toBe(true);
		expect(compatible(me, seeker({ id: 'a', pool: 'QRTVWX' }))).toBe(false);
		expect(compatible(me, seeker({ id: 'a', pool: null }))).toBe(false);
		expect(compatible(seeker({ pool: null }), seeker({ id: 'a', pool: null }))).toBe(true);
		expect(compatible(me, seeker({ id: 'a', language: 'es' }))).toBe(false);
		expect(compatible(me, seeker({ id: 'a', utc_offset: 4 }))).toBe(true);
		expect(compatible(me, seeker({ id: 'a', utc_offset: 5 }))).toBe(false);
		expect(compatible(me, seeker({ id: 'a', level: 'progressing' }))).toBe(true);
		expect(compatible(me, seeker({ id: 'a', level: 'advanced' }))).toBe(false);
		expect(compatible(me, me)).toBe(false);
	});

	it('prefers the same level, then the nearest time zone, then the longest wait', () => {
		const me = seeker();
		const far = seeker({ id: 'far', utc_offset: 3, since: '2026-10-01T00:00:00.000Z' });
		const near = seeker({ id: 'near', utc_offset: 1, since: '2026-11-20T00:00:00.000Z' });
		const otherLevel = seeker({ id: 'lvl', level: 'starting', utc_offset: 1, since: '2026-09-01T00:00:00.000Z' });
		const nearOld = seeker({ id: 'near-old', utc_offset: 0, since: '2026-10-15T00:00:00.000Z' });
		expect(bestPartner(me, [otherLevel, far, near])?.id).toBe('near');
		expect(bestPartner(me, [otherLevel, far])?.id).toBe('far');
		expect(bestPartner(me, [nearOld, seeker({ id: 'near-new', utc_offset: 2, since: '2026-11-29T00:00:00.000Z' })])?.id).toBe('near-old');
		expect(bestPartner(me, [seeker({ id: 'x', language: 'fr' })])).toBeNull();
	});

	it('cleans what partners will see and refuses empty or odd fields', () => {
		const ok = partnerSignupSchema.parse({ nickname: '  Quiet\u202E  Otter ', contact: 'forum: @otter', language: 'en', utc_offset: -5, level: 'learning', seeking: true });
		expect(ok.nickname).toBe('Quiet Otter');
		expect(partnerSignupSchema.safeParse({ ...ok, nickname: '\u0000\u200B' }).success).toBe(false);
		expect(partnerSignupSchema.safeParse({ ...ok, language: 'English' }).success).toBe(false);
		expect(partnerSignupSchema.safeParse({ ...ok, utc_offset: 1.5 }).success).toBe(false);
		expect(partnerSignupSchema.safeParse({ ...ok, contact: 'x'.repeat(121) }).success).toBe(false);
	});
});

describe('percentile bands and the neighbour window', () => {
	it('bands by the share of entries ahead, ties sharing a place', () => {
		expect(percentileBand(0, 40).label).toBe('0–10 %');
		expect(percentileBand(4, 40).label).toBe('10–25 %');
		expect(percentileBand(9, 40).label).toBe('10–25 %');
		expect(percentileBand(10, 40).label).toBe('25–50 %');
		expect(percentileBand(39, 40).label).toBe('75–100 %');
		expect(() => percentileBand(5, 5)).toThrow(RangeError);
		expect(aheadOf([1, 2, 2, 3], 2, 'lower')).toBe(1);
		expect(aheadOf([1, 2, 2, 3], 2, 'higher')).toBe(1);
	});

	it('shows at most three on each side, fewer at the ends, with offsets', () => {
		const sorted = [10, 20, 30, 40, 50, 60, 70, 80, 90];
		expect(neighbourWindow(sorted, 4).map((n) => [n.entry, n.offset])).toEqual([[20, -3], [30, -2], [40, -1], [50, 0], [60, 1], [70, 2], [80, 3]]);
		expect(neighbourWindow(sorted, 0).map((n) => n.offset)).toEqual([0, 1, 2, 3]);
		expect(neighbourWindow(sorted, 8).map((n) => n.entry)).toEqual([60, 70, 80, 90]);
		expect(neighbourWindow([5], 0)).toEqual([{ entry: 5, offset: 0 }]);
	});

	it('sorts better first by event direction, earlier first on ties', () => {
		const e = [{ value: 2, at: 'b' }, { value: 1, at: 'c' }, { value: 2, at: 'a' }];
		expect([...e].sort(compareEntries('lower')).map((x) => x.at)).toEqual(['c', 'a', 'b']);
		expect([...e].sort(compareEntries('higher')).map((x) => x.at)).toEqual(['a', 'b', 'c']);
	});
});

describe('bins', () => {
	it('cuts modules, milestones and event values into coarse bins', () => {
		expect(MODULE_BINS.labels).toEqual(['0', '1–4', '5–8', '9–12', '13–16', '17–20']);
		expect([0, 1, 4, 5, 12, 17, 20].map(MODULE_BINS.of)).toEqual(['0', '1–4', '1–4', '5–8', '9–12', '17–20', '17–20']);
		expect([0, 2, 3, 6].map(MILESTONE_BINS.of)).toEqual(['0', '1–2', '3–4', '5–6']);
		const latency = EVENT_SCALES.latency_sprint.bins;
		expect([0.05, 0.1, 2, 300, 5000].map(latency.of)).toEqual(['< 0.1 ms', '0.1–0.3 ms', '1–3 ms', '≥ 300 ms', '≥ 300 ms']);
	});

	it('hides even the empty bins of a fully suppressed table', () => {
		const hidden = { total: null, totalDisplay: '<10', cells: [{ value: '0', display: '<10' }] };
		expect(binDisplay(hidden, '1–4', 10)).toBe('<10');
		expect(binDisplay({ total: 12, totalDisplay: '12', cells: [{ value: '0', display: '12' }] }, '1–4', 10)).toBe('0');
	});
});

const metrics = (over: Record<string, number> = {}) => ({
	parameter_count: 100_000, model_size_mb: 0.4, accuracy: 0.9, latency_ms_mean: 2, latency_ms_std: 0.1, throughput: 500, ...over
});
const HASH = 'a'.repeat(64);
const submission = (over: Record<string, unknown> = {}): Module20Submission =>
	module20SubmissionSchema.parse({
		tinytorch_version: '0.1.0', submission_type: 'capstone', timestamp: '2026-12-03T10:00:00.000Z', system_info: {},
		baseline: { model_name: 'tiny-mlp', model_sha256: HASH, metrics: metrics() }, ...over
	});
const challenge = (over: Partial<ChallengeRules> = {}): ChallengeRules => ({
	event: 'latency_sprint', division: 'open', starts_at: '2026-12-01T00:00:00.000Z', ends_at: '2026-12-31T00:00:00.000Z', ...over
});
const during = new Date('2026-12-05T00:00:00.000Z');
const code = (fn: () => unknown) => {
	try {
		fn();
	} catch (err) {
		return (err as ApiError).code;
	}
	return 'accepted';
};

describe('challenge validation', () => {
	it('takes the event’s number from the submission', () => {
		expect(entryValue(challenge(), submission(), new Set(), during)).toBe(2);
		expect(entryValue(challenge({ event: 'memory_challenge' }), submission(), new Set(), during)).toBe(0.4);
		expect(entryValue(challenge({ event: 'accuracy_contest' }), submission(), new Set(), during)).toBeCloseTo(90);
	});

	it('accepts entries only while the challenge is open, for runs made since it opened', () => {
		expect(code(() => entryValue(challenge(), submission(), new Set(), new Date('2026-11-30T00:00:00.000Z')))).toBe('not_open');
		expect(code(() => entryValue(challenge(), submission(), new Set(), new Date('2026-12-31T00:00:00.000Z')))).toBe('closed');
		expect(code(() => entryValue(challenge(), submission({ timestamp: '2026-11-20T00:00:00.000Z' }), new Set(), during))).toBe('too_early');
		expect(code(() => entryValue(challenge(), submission({ timestamp: '2026-12-05T01:00:00.000Z' }), new Set(), during))).toBe('future');
	});

	it('requires a shipped model’s hash in the closed division', () => {
		const closed = challenge({ division: 'closed' });
		expect(entryValue(closed, submission(), new Set([HASH]), during)).toBe(2);
		expect(code(() => entryValue(closed, submission(), new Set(['b'.repeat(64)]), during))).toBe('closed_division');
		expect(code(() => entryValue(closed, submission(), new Set(), during))).toBe('closed_division');
		const noHash = submission({ baseline: { model_name: 'mine', metrics: metrics() } });
		expect(code(() => entryValue(closed, noHash, new Set([HASH]), during))).toBe('closed_division');
		expect(entryValue(challenge(), noHash, new Set(), during)).toBe(2);
		// The optimised model is what is measured, so it is what must be shipped.
		const optimized = { model_name: 'mine-int8', model_sha256: 'c'.repeat(64), metrics: metrics({ model_size_mb: 0.1, latency_ms_mean: 1 }) };
		const tuned = submission({ optimized, improvements: { speedup: 2, compression_ratio: 4, accuracy_delta: 0 } });
		expect(code(() => entryValue(closed, tuned, new Set([HASH]), during))).toBe('closed_division');
		expect(entryValue(challenge(), tuned, new Set(), during)).toBe(1);
	});

	it('refuses numbers that contradict each other, the event or the rules', () => {
		const optimized = { model_name: 'b', metrics: metrics({ model_size_mb: 0.1, latency_ms_mean: 1 }) };
		expect(code(() => entryValue(challenge(), submission({ optimized, improvements: { speedup: 20, compression_ratio: 4, accuracy_delta: 0 } }), new Set(), during))).toBe('implausible');
		expect(code(() => entryValue(challenge(), submission({ optimized }), new Set(), during))).toBe('implausible');
		expect(code(() => entryValue(challenge(), submission({ baseline: { model_name: 'a', metrics: metrics({ model_size_mb: 0.001 }) } }), new Set(), during))).toBe('implausible');
		expect(code(() => entryValue(challenge(), submission({ event: 'memory_challenge' }), new Set(), during))).toBe('wrong_event');
		expect(code(() => entryValue(challenge(), submission({ division: 'closed' }), new Set(), during))).toBe('wrong_division');
		expect(code(() => entryValue(challenge(), submission({ baseline: { model_name: 'a', metrics: metrics({ accuracy: 0.5 }) } }), new Set(), during))).toBe('does_not_qualify');
		expect(module20SubmissionSchema.safeParse({ ...submission(), optimized, improvements: { speedup: 60, compression_ratio: 4, accuracy_delta: 0 } }).success).toBe(false);
	});

	it('checks a new challenge’s dates', () => {
		const now = new Date('2026-12-01T00:00:00.000Z');
		expect(code(() => checkChallengeDates({ starts_at: '2026-12-01T00:00:00Z', ends_at: '2026-12-31T00:00:00Z' }, now))).toBe('accepted');
		expect(code(() => checkChallengeDates({ starts_at: '2026-12-31T00:00:00Z', ends_at: '2026-12-01T00:00:00Z' }, now))).toBe('bad_dates');
		expect(code(() => checkChallengeDates({ starts_at: '2026-12-01T00:00:00Z', ends_at: '2027-03-01T00:00:00Z' }, now))).toBe('bad_dates');
		expect(code(() => checkChallengeDates({ starts_at: '2026-10-01T00:00:00Z', ends_at: '2026-11-01T00:00:00Z' }, now))).toBe('bad_dates');
		expect(code(() => checkChallengeDates({ starts_at: '2028-01-01T00:00:00Z', ends_at: '2028-01-20T00:00:00Z' }, now))).toBe('bad_dates');
	});
});
