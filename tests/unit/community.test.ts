import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { countryNames, milestoneFromCli, moduleFromCli } from '$lib/community/catalog';
import { describePlan, filesFromUpload, planImport, MAX_IMPORT_BYTES, type ImportFile } from '$lib/community/import-plan';
import { journey, levelFor } from '$lib/community/levels';
import { weekOf, weeklyStreak } from '$lib/community/streaks';
import { layoutFiles, layoutZip, type LocalData } from '$lib/community/tinytorch-files';
import { profileSchema } from '$lib/schemas/profile';
import { cliConfigSchema } from '$lib/schemas/settings';
import type { SubmissionRecord } from '$lib/schemas/submission';
import { baselineRows, result } from './helpers/fixtures';

const ID = '3f0f0c36-4a51-4a7e-9c11-2d7f3b1e9a01';
const profile = (over: object = {}) =>
	profileSchema.parse({
		anonymous_id: ID,
		joined_at: '2026-11-20T10:30:00.000Z',
		updated_at: '2026-11-21T09:00:00.000Z',
		location: { country: 'United States' },
		institution: { name: 'Harvard University' },
		context: { course_type: 'university', experience_level: 'intermediate', cohort: 'Fall 2026' },
		progress: { modules: ['01_tensor', '02_activations'], milestones: ['perceptron'], modules_completed: 2, milestones_passed: 1 },
		...over
	});
const submission = (timestamp: string): SubmissionRecord => ({
	schema: 'tito-web/submission@1',
	id: `id-${timestamp}`,
	created_at: timestamp,
	result_id: null,
	file: { benchmark_type: 'baseline', timestamp, metrics: { score: 87, total_ms: 11.2 }, include_system_info: false, anonymous: true }
});
const data = (): LocalData => ({
	profile: profile(),
	config: cliConfigSchema.parse({}),
	submissions: [submission('2026-11-21T10:00:00.000Z'), submission('2026-11-22T11:30:00.000Z')]
});
const empty = { profile: null, submissions: [], results: [] };
const zipOf = (files: Record<string, string>) => zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strToU8(v)])));

describe('levels', () => {
	it('puts boundaries in the upper level', () => {
		expect([0, 19.99, 20, 39.9, 40, 60, 79.99, 80, 100].map((a) => levelFor(a).name)).toEqual([
			'Starting', 'Starting', 'Learning', 'Learning', 'Progressing', 'Advanced', 'Advanced', 'Elite', 'Elite'
		]);
	});
	it('says what the next level needs', () => {
		expect(journey(null)).toMatchObject({ current: { name: 'Starting' }, next: { name: 'Learning' }, toNext: 20 });
		expect(journey(52.5)).toMatchObject({ current: { name: 'Progressing' }, next: { name: 'Advanced' }, toNext: 7.5 });
		expect(journey(91)).toMatchObject({ current: { name: 'Elite' }, next: null, toNext: null });
	});
});

describe('weekly streaks', () => {
	// Mondays: 2026-11-02, 11-09, 11-16, 11-23, 11-30.
	it('weeks start on Monday', () => {
		expect(weekOf('2026-11-29')).toBe('2026-11-23');
		expect(weekOf('2026-11-30')).toBe('2026-11-30');
		expect(weekOf('2027-01-01')).toBe('2026-12-28');
	});
	it('counts weeks that met the target; a quiet day never resets anything', () => {
		const days = ['2026-11-02', '2026-11-04', '2026-11-09', '2026-11-13', '2026-11-17', '2026-11-19', '2026-11-24', '2026-11-28'];
		const s = weeklyStreak(days, 2, '2026-11-29');
		expect(s.current).toBe(4);
		expect(s.longest).toBe(4);
		expect(s.thisWeek).toEqual({ week: '2026-11-23', activeDays: 2, met: true });
		expect(s.totalActiveDays).toBe(8);
	});
	it('the week in progress does not break a streak until it is over', () => {
		const days = ['2026-11-16', '2026-11-18', '2026-11-23', '2026-11-25'];
		const monday = weeklyStreak(days, 2, '2026-11-30');
		expect(monday.current).toBe(2);
		expect(monday.thisWeek.met).toBe(false);
		const afterGap = weeklyStreak(days, 2, '2026-12-08');
		expect(afterGap.current).toBe(0);
		expect(afterGap.longest).toBe(2);
		expect(afterGap.recent).toHaveLength(8);
	});
	it('duplicate days count once', () => {
		expect(weeklyStreak(['2026-11-23', '2026-11-23'], 2, '2026-11-24').thisWeek.activeDays).toBe(1);
	});
});

describe('catalog', () => {
	it('reads the ways the CLI names modules and milestones', () => {
		expect(['01_tensor', '1', '01', 'module_05', 'autograd', 'Attention'].map(moduleFromCli)).toEqual([
			'01_tensor', '01_tensor', '01_tensor', '05_autograd', '05_autograd', '12_attention'
		]);
		expect(moduleFromCli('21')).toBeNull();
		expect(moduleFromCli('quantum')).toBeNull();
		expect(['milestone_03', 'xor', 'Transformer'].map(milestoneFromCli)).toEqual(['mlp', 'xor', 'transformer']);
	});
	it('lists countries by name', () => {
		const names = countryNames();
		expect(names.length).toBeGreaterThan(240);
		expect(names).toContain('Kenya');
		expect(names).toContain('United States');
	});
});

describe('the .tinytorch layout', () => {
	it('zips exactly the CLI layout, with the seed profile shape', () => {
		const files = unzipSync(layoutZip(data()));
		expect(Object.keys(files).sort()).toEqual([
			'.tinytorch/community/profile.json',
			'.tinytorch/config.json',
			'.tinytorch/submissions/baseline_submission_20261121_100000.json',
			'.tinytorch/submissions/baseline_submission_20261122_113000.json'
		]);
		const p = JSON.parse(strFromU8(files['.tinytorch/community/profile.json']));
		expect(p).toMatchObject({
			anonymous_id: ID,
			joined_at: '2026-11-20T10:30:00.000Z',
			location: { country: 'United States' },
			institution: { name: 'Harvard University' },
			context: { course_type: 'university', experience_level: 'intermediate', cohort: 'Fall 2026' },
			progress: { milestones_passed: 1, modules_completed: 2, capstone_score: null }
		});
		expect(JSON.parse(strFromU8(files['.tinytorch/config.json']))).toEqual({
			website: { base_url: null, community_map_url: null, api_url: null, enabled: false },
			local: { enabled: true, auto_sync: false }
		});
		const s = JSON.parse(strFromU8(files['.tinytorch/submissions/baseline_submission_20261121_100000.json']));
		expect(s).toMatchObject({ benchmark_type: 'baseline', timestamp: '2026-11-21T10:00:00.000Z', metrics: { score: 87 }, anonymous: true });
	});

	it('is byte-identical for the same data', () => {
		expect(layoutZip(data())).toEqual(layoutZip(data()));
	});

	it('round-trips: export, import into an empty device, get the same records', () => {
		const plan = planImport(filesFromUpload('tinytorch.zip', layoutZip(data())), empty);
		expect(plan.problems).toEqual([]);
		expect(plan.profile).toEqual({ action: 'add', incoming: profile() });
		expect(plan.submissions).toEqual(data().submissions);
		expect(describePlan(plan)).toBe('This will add your profile, add 2 submissions, set the website settings from config.json.');
	});

	it('a full backup carries results, preferences and activity too', () => {
		const r = result(baselineRows());
		const full = { ...data(), results: [r], preferences: { auto_submit_prompt: false, weekly_target: 4 }, activity: { days: ['2026-11-21'] } };
		const plan = planImport(filesFromUpload('backup.zip', layoutZip(full)), empty);
		expect(plan.results).toEqual([r]);
		expect(plan.preferences).toEqual({ auto_submit_prompt: false, weekly_target: 4 });
		expect(plan.activityDays).toContain('2026-11-21');
	});

	it('finds the layout inside whatever folder was zipped or picked', () => {
		const files: ImportFile[] = Object.entries(layoutFiles(data())).map(([path, text]) => ({ path: `my-project/${path}`, bytes: strToU8(text) }));
		files.push({ path: 'my-project/.tinytorch/__MACOSX/._config.json', bytes: strToU8('junk') });
		const plan = planImport(files, empty);
		expect(plan.profile.action).toBe('add');
		expect(plan.submissions).toHaveLength(2);
		expect(plan.problems).toEqual([]);
	});
});

describe('merging an import', () => {
	const files = () => filesFromUpload('t.zip', layoutZip(data()));

	it('adds nothing twice', () => {
		const plan = planImport(files(), { profile: profile(), submissions: data().submissions, results: [] });
		expect(plan.submissions).toEqual([]);
		expect(plan.duplicates).toBe(2);
		expect(plan.profile.action).toBe('keep-local');
	});

	it('never overwrites a newer local profile, and updates an older one', () => {
		const newer = profile({ updated_at: '2026-11-25T00:00:00.000Z' });
		expect(planImport(files(), { ...empty, profile: newer }).profile).toMatchObject({ action: 'keep-local', reason: expect.stringMatching(/newer/) });
		const older = profile({ updated_at: '2026-11-20T11:00:00.000Z' });
		expect(planImport(files(), { ...empty, profile: older }).profile).toMatchObject({ action: 'update' });
	});

	it('flags a different profile as a conflict instead of replacing it', () => {
		const mine = profile({ anonymous_id: '9a1c2e44-1111-4c2b-8d3e-aa0000000001' });
		expect(planImport(files(), { ...empty, profile: mine }).profile).toMatchObject({ action: 'conflict', reason: expect.stringMatching(/different profile/) });
	});

	it('reads a CLI file with counts only, and the CLI progress payload, into names', () => {
		const seed = { anonymous_id: ID, joined_at: '2024-11-20T10:30:00', location: { country: 'United States' }, progress: { milestones_passed: 2, modules_completed: 3, capstone_score: null } };
		const plan = planImport([{ path: 'profile.json', bytes: strToU8(JSON.stringify(seed)) }], empty);
		expect(plan.profile.action).toBe('add');
		if (plan.profile.action !== 'add') return;
		expect(plan.profile.incoming.progress.modules).toEqual(['01_tensor', '02_activations', '03_layers']);
		expect(plan.profile.incoming.progress.milestones).toEqual(['perceptron', 'xor']);
		expect(plan.notes.join(' ')).toMatch(/modules 01–03 are marked/);

		const payload = { ...seed, progress: undefined, module_progress: { '01_tensor': { completed: true }, '05_autograd': true, '06_optimizers': false }, milestone_progress: ['milestone_01'] };
		const p2 = planImport([{ path: 'profile.json', bytes: strToU8(JSON.stringify(payload)) }], empty);
		expect(p2.profile.action === 'add' && p2.profile.incoming.progress.modules).toEqual(['01_tensor', '05_autograd']);
		expect(p2.profile.action === 'add' && p2.profile.incoming.progress.milestones).toEqual(['perceptron']);
	});

	it('imports a CLI submission once, however often it is imported', () => {
		const cli = { benchmark_type: 'baseline', timestamp: '2025-01-10T09:00:00', metrics: { score: 40 }, include_system_info: false, anonymous: true };
		const f = [{ path: '.tinytorch/submissions/baseline_submission_20250110_090000.json', bytes: strToU8(JSON.stringify(cli)) }];
		const first = planImport(f, empty);
		expect(first.submissions.map((s) => s.id)).toEqual(['cli:baseline:2025-01-10T09:00:00']);
		expect(planImport(f, { ...empty, submissions: first.submissions }).duplicates).toBe(1);
	});
});

describe('bad imports', () => {
	it('a corrupt zip is a sentence', () => {
		const zip = layoutZip(data());
		expect(() => filesFromUpload('t.zip', zip.slice(0, zip.length / 2))).toThrow(/not a readable zip file.*Nothing was changed/);
		expect(() => filesFromUpload('photo.zip', strToU8('definitely not a zip'))).toThrow(/not a readable zip/);
	});
	it('a 50 MB file is refused before it is read', () => {
		expect(() => filesFromUpload('big.zip', new Uint8Array(50 * 2 ** 20))).toThrow(/50 MB.*limit 20 MB/);
		expect(MAX_IMPORT_BYTES).toBe(20 * 2 ** 20);
	});
	it('wrong JSON, foreign shapes and future versions are reported per file, the rest still imports', () => {
		const zip = zipOf({
			'.tinytorch/community/profile.json': JSON.stringify({ ...profile(), format: 'tito-web/profile@7' }),
			'.tinytorch/config.json': '{"website": ',
			'.tinytorch/submissions/a.json': JSON.stringify({ hello: 'world' }),
			'.tinytorch/submissions/b.json': JSON.stringify(data().submissions[0].file),
			'.tinytorch/tito-web/results/r.json': JSON.stringify({ schema: 'tito-web/result@3' })
		});
		const plan = planImport(filesFromUpload('t.zip', zip), empty);
		expect(plan.problems).toEqual([
			expect.stringMatching(/profile.json: written by a newer version of Tito Web \(tito-web\/profile@7\)/),
			expect.stringMatching(/config.json: not valid JSON, skipped/),
			expect.stringMatching(/a.json: not a submission we can read/),
			expect.stringMatching(/r.json: written by a newer version/)
		]);
		expect(plan.profile.action).toBe('none');
		expect(plan.submissions).toHaveLength(1);
	});
	it('a config.json can never switch sync on', () => {
		const zip = zipOf({ '.tinytorch/config.json': JSON.stringify({ website: { enabled: true, base_url: 'https://x.example' } }) });
		const plan = planImport(filesFromUpload('t.zip', zip), empty);
		expect(plan.config?.website.enabled).toBe(false);
		expect(plan.notes.join()).toMatch(/stays off/);
	});
});
