import { challengeEntrySchema, createChallengeSchema } from '$lib/schemas/challenge';
import { createCohortSchema, joinCohortSchema } from '$lib/schemas/cohort';
import { matchActionSchema, partnerSignupSchema } from '$lib/schemas/partners';
import type { Db } from '../db';
import { bearer, json, readJson } from '../http';
import type { BucketRule } from '../rate-limit';
import type { ApiRequest } from './api';
import { cohortCsv } from './cohort-csv';
import { challengeData, challengeView, cohortChallenges, createChallenge, deviceChallenges, enterChallenge, publicChallenges, withdrawEntry } from './challenges';
import { cohortAdminView, cohortCode, cohortInfo, cohortOf, cohortView, createCohort, deleteCohort, joinCohort, leaveCohort } from './cohorts';
import { leavePartners, matchAction, partnerData, partnerView, savePartnerProfile } from './partners';

export interface LearningContext {
	route: (fn: (req: ApiRequest) => Promise<Response>) => (req: ApiRequest) => Promise<Response>;
	limit: (key: string, rule: BucketRule) => void;
	rules: { ip: BucketRule; device: BucketRule };
	/** The authenticated device of the request's path. */
	device: (req: ApiRequest) => Promise<string>;
	minCell: number;
	closedDivisionHashes: () => Set<string>;
	now: () => Date;
}

/**
 * Cohorts, study partners and challenges: the handlers beside the website API's, each one
 * line of routing away. Device routes need the device token and the matching consent;
 * organiser routes need the cohort's organiser token; nothing here lists other people.
 */
export function learningApi(db: Db, ctx: LearningContext) {
	const { route, device } = ctx;
	const perIp = (req: ApiRequest) => ctx.limit(`ip:${req.ip}`, ctx.rules.ip);
	const organiser = (req: ApiRequest) => {
		perIp(req);
		return { code: cohortCode(req.params?.code), token: bearer(req.request) };
	};

	return {
		cohortCreate: route(async (req) => {
			perIp(req);
			return json(await createCohort(db, (await readJson(req.request, createCohortSchema)).title), 201);
		}),
		cohortInfo: route(async (req) => {
			perIp(req);
			const info = await cohortInfo(db, cohortCode(req.params?.code));
			return json({ code: info.code, title: info.title });
		}),
		cohortDelete: route(async (req) => {
			const { code, token } = organiser(req);
			await deleteCohort(db, code, token);
			return json({ deleted: true });
		}),
		cohortAdmin: route(async (req) => {
			const { code, token } = organiser(req);
			const view = await cohortAdminView(db, code, token, ctx.minCell, ctx.now());
			return json({ ...view, challenges: await cohortChallenges(db, code, ctx.minCell, ctx.now()) });
		}),
		cohortCsv: route(async (req) => {
			const { code, token } = organiser(req);
			const view = await cohortAdminView(db, code, token, ctx.minCell, ctx.now());
			return new Response(cohortCsv(view), {
				headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="tito-cohort-${code}.csv"`, 'cache-control': 'no-store' }
			});
		}),

		myCohort: route(async (req) => json(await cohortView(db, await device(req), ctx.minCell))),
		joinCohort: route(async (req) => {
			const id = await device(req);
			await joinCohort(db, id, cohortCode((await readJson(req.request, joinCohortSchema)).code));
			return json(await cohortView(db, id, ctx.minCell));
		}),
		leaveCohort: route(async (req) => {
			const id = await device(req);
			await leaveCohort(db, id);
			return json(await cohortView(db, id, ctx.minCell));
		}),

		myPartners: route(async (req) => json(await partnerView(db, await device(req)))),
		savePartners: route(async (req) => {
			const id = await device(req);
			return json(await savePartnerProfile(db, id, await readJson(req.request, partnerSignupSchema)));
		}),
		leavePartners: route(async (req) => json(await leavePartners(db, await device(req)))),
		partnerMatch: route(async (req) => {
			const id = await device(req);
			return json(await matchAction(db, id, await readJson(req.request, matchActionSchema)));
		}),

		challenges: route(async (req) => {
			perIp(req);
			return json(await publicChallenges(db, ctx.now()));
		}),
		challengeCreate: route(async (req) => {
			perIp(req);
			const token = bearer(req.request);
			return json(await createChallenge(db, token, await readJson(req.request, createChallengeSchema), ctx.now()), 201);
		}),
		myChallenges: route(async (req) => json(await deviceChallenges(db, await device(req), ctx.now()))),
		myChallenge: route(async (req) => json(await challengeView(db, await device(req), req.params?.cid, ctx.minCell, ctx.now()))),
		enterChallenge: route(async (req) => {
			const id = await device(req);
			const entry = await readJson(req.request, challengeEntrySchema);
			return json(await enterChallenge(db, id, req.params?.cid, entry, { min: ctx.minCell, shipped: ctx.closedDivisionHashes(), now: ctx.now() }));
		}),
		withdrawChallenge: route(async (req) => json(await withdrawEntry(db, await device(req), req.params?.cid)))
	};
}

/** Everything of this device that cohorts, partners and challenges hold: part of "get my data". */
export async function learningData(db: Db, id: string) {
	return { cohort: await cohortOf(db, id), partners: await partnerData(db, id), challenge_entries: await challengeData(db, id) };
}
