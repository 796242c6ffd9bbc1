import { expect, test } from './fixtures';
import { consentRecord, createCohort, joinCohort, newStudent, turnOnSync, type Student } from './community-helpers';

async function optInToPartners(s: Student, nickname: string, contact: string) {
	await s.page.goto('/community/partners');
	await s.page.getByLabel('Nickname a partner sees').fill(nickname);
	await s.page.getByLabel('How a partner can reach you').fill(contact);
	await s.page.getByRole('button', { name: 'Review what would be sent…' }).click();
	await expect(s.page.getByTestId('partners-consent')).toContainText(`the contact you chose to share: ${contact}`);
	await s.page.getByRole('button', { name: 'I agree: find me a study partner' }).click();
	await expect(s.page.getByTestId('partners-view')).toBeVisible();
}

test('two students of one cohort are matched as study partners; when one ends it, it is gone for both', async ({ page, browser, baseURL, request }) => {
	test.setTimeout(180_000);
	const code = await createCohort(page, 'Partners e2e');

	// A student without sync: nothing about partners leaves the browser until they agree.
	const solo = await newStudent(browser, baseURL!);
	await solo.page.goto('/community/partners');
	await solo.page.getByLabel('Nickname a partner sees').fill('Solo');
	await solo.page.getByLabel('How a partner can reach you').fill('solo@forum');
	await solo.page.getByRole('button', { name: 'Review what would be sent…' }).click();
	await expect(solo.page.getByTestId('partners-consent')).toContainText('Not sent: your profile, results and submissions. Sync stays off.');
	expect(solo.api).toEqual([]);
	const register = solo.page.waitForRequest((r) => r.url().endsWith('/api/v1/devices') && r.method() === 'POST');
	await solo.page.getByRole('button', { name: 'I agree: find me a study partner' }).click();
	expect((await register).postDataJSON()).toMatchObject({ scope: 'partners', consent: { version: 'partners-1' } });
	await expect(solo.page.getByTestId('partner-seeking')).toContainText('among students who are in no cohort');
	expect(solo.api[0]).toBe('POST /api/v1/devices');
	const soloKey = (await consentRecord(solo.page, 'partners'))!;
	const held = await (await request.get(`/api/v1/devices/${soloKey.anonymous_id}`, { headers: { authorization: `Bearer ${soloKey.token}` } })).json();
	expect(held).toMatchObject({ profile: null, results: [], submissions: [], cohort: null, partners: { profile: { nickname: 'Solo', contact: 'solo@forum' } } });

	// Two students of the cohort: sync on, cohort joined, then partners.
	const ada = await newStudent(browser, baseURL!);
	await turnOnSync(ada.page);
	await joinCohort(ada.page, code.toLowerCase());
	await optInToPartners(ada, 'Ada', 'ada on the course forum');
	await expect(ada.page.getByTestId('partner-seeking')).toContainText('in Partners e2e');

	const bo = await newStudent(browser, baseURL!);
	await turnOnSync(bo.page);
	await joinCohort(bo.page, code);
	await optInToPartners(bo, 'Bo', 'bo#4242');
	await expect(bo.page.getByTestId('partner-nickname')).toHaveText('Ada');
	await expect(bo.page.getByTestId('partner-contact')).toHaveText('ada on the course forum');
	// Ada's page looks again by itself while she waits.
	await expect(ada.page.getByTestId('partner-nickname')).toHaveText('Bo', { timeout: 30_000 });
	await expect(ada.page.getByTestId('partner-contact')).toHaveText('bo#4242');
	// The student in no cohort was not matched with either.
	await solo.page.reload();
	await expect(solo.page.getByTestId('partner-seeking')).toBeVisible();

	// Bo thanks Ada: only Ada sees it, as a count.
	await bo.page.getByRole('button', { name: 'They helped me' }).click();
	await expect(bo.page.getByTestId('helped-sent')).toBeVisible();
	await ada.page.reload();
	await expect(ada.page.getByTestId('helped-received')).toContainText('helped them 1 time');
	await expect(bo.page.getByTestId('helped-received')).toContainText('No study partner has marked you');

	// The cohort page: distributions with Ada marked, small groups hidden, nobody listed.
	await ada.page.goto('/community/cohort');
	await expect(ada.page.getByTestId('cohort-modules').getByTestId('you-are-here')).toBeVisible();
	await expect(ada.page.getByTestId('cohort-modules')).toContainText('<10');

	// Ada ends the match: gone for both.
	await ada.page.goto('/community/partners');
	await ada.page.getByRole('button', { name: 'End the match' }).click();
	await expect(ada.page.getByTestId('partner-match')).toHaveCount(0);
	await expect(ada.page.getByTestId('partner-ended')).toBeVisible();
	await bo.page.reload();
	await expect(bo.page.getByTestId('partners-view')).toBeVisible();
	await expect(bo.page.getByTestId('partner-match')).toHaveCount(0);
	await expect(bo.page.getByTestId('partner-ended')).toBeVisible();

	// Bo withdraws from partner matching altogether: the website keeps none of it.
	await bo.page.getByText('Withdraw from study partners').click();
	await bo.page.getByRole('button', { name: 'Withdraw and delete my partner data' }).click();
	await expect(bo.page.getByTestId('partners-optin')).toBeVisible();
	const boKey = (await consentRecord(bo.page, 'sync'))!;
	const boHeld = await (await request.get(`/api/v1/devices/${boKey.anonymous_id}`, { headers: { authorization: `Bearer ${boKey.token}` } })).json();
	expect(boHeld.partners).toMatchObject({ profile: null, matches: [], helped_received: 0 });
	expect(boHeld.cohort).toBe(code);

	// Leaving the community from a device that only ever joined partner matching deletes it on the website too.
	await solo.page.goto('/profile');
	await solo.page.getByRole('button', { name: 'Leave and delete everything…' }).click();
	await solo.page.getByRole('button', { name: 'Yes, delete everything' }).click();
	await expect(solo.page.getByTestId('erased')).toBeVisible();
	const soloOwn = () => request.get(`/api/v1/devices/${soloKey.anonymous_id}`, { headers: { authorization: `Bearer ${soloKey.token}` } });
	await expect.poll(async () => (await soloOwn()).status(), { timeout: 30_000 }).toBe(410);
	expect(await consentRecord(solo.page, 'partners')).toBeNull();
});
