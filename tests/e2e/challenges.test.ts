import { randomBytes, randomUUID } from 'node:crypto';
import { strToU8, zipSync } from 'fflate';
import type { APIRequestContext } from '@playwright/test';
import { expect, test } from './fixtures';
import { createCohort, joinCohort, newStudent, turnOnSync } from './community-helpers';

const capstone = (latencyMs: number) => ({
	tinytorch_version: '0.1.0',
	submission_type: 'capstone',
	timestamp: new Date().toISOString(),
	system_info: { platform: 'e2e' },
	baseline: {
		model_name: 'tiny-mlp',
		metrics: { parameter_count: 50_000, model_size_mb: 0.2, accuracy: 0.9, latency_ms_mean: latencyMs, latency_ms_std: 0.1, throughput: 1000 / latencyMs }
	}
});

/** Other students of the cohort, through the API: a device, sync, the cohort, an entry. */
async function seedEntry(request: APIRequestContext, code: string, title: string, latencyMs: number, nickname: string | null) {
	const id = randomUUID();
	const token = randomBytes(32).toString('base64url');
	const headers = { authorization: `Bearer ${token}` };
	expect((await request.post('/api/v1/devices', { data: { anonymous_id: id, token, consent: { version: 'sync-1', agreed_at: new Date().toISOString() } } })).status()).toBe(201);
	expect((await request.put(`/api/v1/devices/${id}/cohort`, { headers, data: { code } })).status()).toBe(200);
	const list = (await (await request.get(`/api/v1/devices/${id}/challenges`, { headers })).json()) as { id: string; title: string }[];
	const cid = list.find((c) => c.title === title)!.id;
	const res = await request.put(`/api/v1/devices/${id}/challenges/${cid}`, { headers, data: { submission: capstone(latencyMs), nickname } });
	expect(res.status(), await res.text()).toBe(200);
}

test('a challenge entry appears in the distribution, the band and the neighbour view', async ({ page, browser, baseURL, request }) => {
	test.setTimeout(180_000);
	// The instructor creates a cohort and a latency sprint for it.
	const code = await createCohort(page, 'Challenge e2e');
	const form = page.getByTestId('challenge-form');
	await form.getByLabel('Title').fill('December sprint');
	await form.getByLabel('Event').selectOption('latency_sprint');
	await form.getByLabel('Division').selectOption('open');
	await form.getByRole('button', { name: 'Create challenge' }).click();
	await expect(page.getByRole('heading', { name: /December sprint/ })).toBeVisible();

	// Eleven classmates entered already; two of them chose not to show their nickname.
	for (let i = 0; i < 11; i++) await seedEntry(request, code, 'December sprint', 4 + i * 0.25, i === 3 || i === 7 ? null : `Seed ${i + 1}`);

	// A student brings a capstone submission (imported here; the capstone run makes one too).
	const s = await newStudent(browser, baseURL!);
	await turnOnSync(s.page);
	await joinCohort(s.page, code);
	await s.page.goto('/profile');
	const zip = zipSync({ '.tinytorch/submissions/capstone_submission_20261201_100000.json': strToU8(JSON.stringify(capstone(5.1))) });
	await s.page.getByTestId('import-file').setInputFiles({ name: 'capstone.zip', mimeType: 'application/zip', buffer: Buffer.from(zip) });
	await expect(s.page.getByTestId('import-preview')).toContainText('1 submission');
	await s.page.getByRole('button', { name: 'Import', exact: true }).click();
	await expect(s.page.getByTestId('import-message')).toContainText('Imported');

	await s.page.goto('/community/challenges');
	await s.page.getByRole('link', { name: 'December sprint' }).click();
	const bin = s.page.getByTestId('challenge-distribution').locator('tr[data-bin="3–10 ms"]');
	await expect(bin).toContainText('11');
	await expect(s.page.getByText('For this event: 5.10 ms. It qualifies.')).toBeVisible();
	await s.page.getByLabel('Show me to my three neighbours on each side').check();
	await s.page.getByLabel('As', { exact: true }).fill('Me');
	await s.page.getByRole('button', { name: 'Enter this result' }).click();

	await expect(bin).toContainText('12');
	await expect(bin.getByTestId('you-are-here')).toBeVisible();
	await expect(s.page.getByTestId('challenge-band')).toContainText('25–50 %');
	await expect(s.page.getByTestId('challenge-band')).toContainText('12 entries');
	const rows = s.page.getByTestId('challenge-neighbours').locator('tbody tr');
	await expect(rows).toHaveText([/3 ahead\s*Seed 2/, /2 ahead\s*Seed 3/, /1 ahead\s*Seed 5/, /you\s*Me\s*5\.10 ms/, /1 behind\s*Seed 6/, /2 behind\s*Seed 7/, /3 behind\s*Seed 9/]);
	// No top list anywhere: the best entry (Seed 1) is not in this student's view.
	await expect(s.page.locator('main')).not.toContainText('Seed 1 ');
	await expect(s.page.getByTestId('challenge-neighbours')).not.toContainText('Seed 1');

	// The instructor sees the distribution only.
	await page.reload();
	await expect(page.getByText('Entries (ms)')).toBeVisible();
	await expect(page.locator('main')).not.toContainText('Seed');
});
