import type { ConsentScope } from '$lib/schemas/api';
import type { ChallengeInfo, ChallengeView, CreateChallenge } from '$lib/schemas/challenge';
import type { CohortAdminView, CohortInfo, CohortView } from '$lib/schemas/cohort';
import type { Module20Submission } from '$lib/schemas/module20';
import type { MatchAction, PartnerSignup, PartnerView } from '$lib/schemas/partners';
import type { DeviceCredentials } from '$lib/sync/identity';

/** An answer other than 2xx: the server's sentence, with its status and machine-readable code. */
export class ApiCallError extends Error {
	constructor(message: string, readonly status: number, readonly code: string | null) {
		super(message);
	}
}

async function request<T>(method: string, path: string, opts: { body?: unknown; token?: string } = {}): Promise<T> {
	let res: Response;
	try {
		res = await fetch(`/api/v1${path}`, {
			method,
			headers: { ...(opts.body === undefined ? {} : { 'content-type': 'application/json' }), ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}) },
			body: opts.body === undefined ? undefined : JSON.stringify(opts.body)
		});
	} catch {
		throw new ApiCallError('The website cannot be reached: check the network and try again.', 0, 'offline');
	}
	if (res.headers.get('content-type')?.startsWith('text/csv') && res.ok) return (await res.text()) as T;
	const data = await res.json().catch(() => null);
	if (!res.ok) throw new ApiCallError(data?.error?.message ?? `The website answered ${res.status}.`, res.status, data?.error?.code ?? null);
	return data as T;
}

const mine = (c: DeviceCredentials, rest = '') => `/devices/${c.anonymous_id}${rest}`;

/** Cohorts, study partners and challenges, from the browser. Device calls carry the device token. */
export const learningClient = {
	register: (c: DeviceCredentials, scope: ConsentScope, consent: { version: string; agreed_at: string }) =>
		request<{ created: boolean }>('POST', '/devices', { body: { anonymous_id: c.anonymous_id, token: c.token, consent, scope } }),

	myCohort: (c: DeviceCredentials) => request<CohortView>('GET', mine(c, '/cohort'), { token: c.token }),
	joinCohort: (c: DeviceCredentials, code: string) => request<CohortView>('PUT', mine(c, '/cohort'), { token: c.token, body: { code } }),
	leaveCohort: (c: DeviceCredentials) => request<CohortView>('DELETE', mine(c, '/cohort'), { token: c.token }),

	myPartners: (c: DeviceCredentials) => request<PartnerView>('GET', mine(c, '/partners'), { token: c.token }),
	savePartners: (c: DeviceCredentials, s: PartnerSignup) => request<PartnerView>('PUT', mine(c, '/partners'), { token: c.token, body: s }),
	leavePartners: (c: DeviceCredentials) => request<{ deleted: boolean }>('DELETE', mine(c, '/partners'), { token: c.token }),
	matchAction: (c: DeviceCredentials, action: MatchAction) => request<PartnerView>('POST', mine(c, '/partners/match'), { token: c.token, body: action }),

	publicChallenges: () => request<ChallengeInfo[]>('GET', '/challenges'),
	myChallenges: (c: DeviceCredentials) => request<(ChallengeInfo & { entered: boolean })[]>('GET', mine(c, '/challenges'), { token: c.token }),
	myChallenge: (c: DeviceCredentials, cid: string) => request<ChallengeView>('GET', mine(c, `/challenges/${cid}`), { token: c.token }),
	enterChallenge: (c: DeviceCredentials, cid: string, submission: Module20Submission, nickname: string | null) =>
		request<ChallengeView>('PUT', mine(c, `/challenges/${cid}`), { token: c.token, body: { submission, nickname } }),
	withdrawChallenge: (c: DeviceCredentials, cid: string) => request<{ deleted: boolean }>('DELETE', mine(c, `/challenges/${cid}`), { token: c.token }),

	createCohort: (title: string) => request<{ code: string; admin_token: string; cohort: CohortInfo }>('POST', '/cohorts', { body: { title } }),
	cohortAdmin: (code: string, token: string) => request<CohortAdminView>('GET', `/cohorts/${code}/admin`, { token }),
	cohortCsv: (code: string, token: string) => request<string>('GET', `/cohorts/${code}/csv`, { token }),
	deleteCohort: (code: string, token: string) => request<{ deleted: boolean }>('DELETE', `/cohorts/${code}`, { token }),
	createChallenge: (token: string, body: CreateChallenge) => request<ChallengeInfo>('POST', '/challenges', { token, body })
};
