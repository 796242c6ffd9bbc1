import { z } from 'zod';
import { registerSchema, titoProgressSchema } from '$lib/schemas/api';
import { profileSchema } from '$lib/schemas/profile';
import { benchResultSchema } from '$lib/schemas/result';
import { submissionRecordSchema } from '$lib/schemas/submission';
import type { Db } from '../db';
import { ApiError, bearer, handled, json, readJson } from '../http';
import { RATE_RULES, RateLimiter, type BucketRule } from '../rate-limit';
import { authenticate, deleteDevice, registerDevice } from './devices';
import { deviceData, ResultIngest, storeSubmission, upsertProfile } from './ingest';
import { learningApi, learningData } from './learning-api';
import { closedDivisionHashes } from './shipped-models';
import { cachedStats, MIN_CELL } from './stats';
import { titoProgress } from './tito';

export interface ApiRequest {
	request: Request;
	/** Used for rate limiting only: never stored, never logged. */
	ip: string;
	params?: Record<string, string>;
}

const deviceId = z.uuid();

/**
 * The website's API as plain functions of a Request, so routes stay one line and tests
 * call them directly against PGlite and PostgreSQL.
 */
export function communityApi(
	db: Db,
	opts: {
		limiter?: RateLimiter;
		rules?: { ip: BucketRule; device: BucketRule };
		minCell?: number;
		closedDivisionHashes?: () => Set<string>;
		now?: () => Date;
	} = {}
) {
	const limiter = opts.limiter ?? new RateLimiter();
	const results = new ResultIngest(db);
	const rules = opts.rules ?? RATE_RULES;

	const limit = (key: string, rule: BucketRule) => limiter.check(key, rule);

	/** Parses the device id from the path and checks its token; limits per IP and per device. */
	async function device(req: ApiRequest): Promise<string> {
		limit(`ip:${req.ip}`, rules.ip);
		const parsed = deviceId.safeParse(req.params?.id);
		if (!parsed.success) throw new ApiError(404, 'not_found', 'There is no device with that id.');
		const token = bearer(req.request);
		limit(`device:${parsed.data}`, rules.device);
		await authenticate(db, parsed.data, token);
		return parsed.data;
	}

	const route = (fn: (req: ApiRequest) => Promise<Response>) => (req: ApiRequest) => handled(req.request, () => fn(req));

	return {
		register: route(async (req) => {
			limit(`ip:${req.ip}`, rules.ip);
			const body = await readJson(req.request, registerSchema);
			const { created } = await registerDevice(db, body);
			return json({ anonymous_id: body.anonymous_id, created }, created ? 201 : 200);
		}),
		putProfile: route(async (req) => {
			const id = await device(req);
			return json(await upsertProfile(db, id, await readJson(req.request, profileSchema)));
		}),
		postResult: route(async (req) => {
			const id = await device(req);
			const stored = await results.store(id, await readJson(req.request, benchResultSchema));
			return json(stored, stored.stored === 'new' ? 201 : 200);
		}),
		postSubmission: route(async (req) => {
			const id = await device(req);
			const stored = await storeSubmission(db, id, await readJson(req.request, submissionRecordSchema));
			return json(stored, stored.stored === 'new' ? 201 : 200);
		}),
		getOwn: route(async (req) => {
			const id = await device(req);
			return json({ ...(await deviceData(db, id)), ...(await learningData(db, id)) });
		}),
		deleteOwn: route(async (req) => {
			limit(`ip:${req.ip}`, rules.ip);
			const parsed = deviceId.safeParse(req.params?.id);
			if (!parsed.success) throw new ApiError(404, 'not_found', 'There is no device with that id.');
			return json(await deleteDevice(db, parsed.data, bearer(req.request)));
		}),
		titoProgress: route(async (req) => {
			limit(`ip:${req.ip}`, rules.ip);
			const token = bearer(req.request);
			const body = await readJson(req.request, titoProgressSchema);
			limit(`device:${body.user_id}`, rules.device);
			await authenticate(db, body.user_id, token);
			return json(await titoProgress(db, body));
		}),
		stats: route(async (req) => {
			limit(`ip:${req.ip}`, rules.ip);
			return json(await cachedStats(db));
		}),
		...learningApi(db, {
			route,
			limit,
			rules,
			device,
			minCell: opts.minCell ?? MIN_CELL,
			closedDivisionHashes: opts.closedDivisionHashes ?? closedDivisionHashes,
			now: opts.now ?? (() => new Date())
		})
	};
}

export type CommunityApi = ReturnType<typeof communityApi>;
