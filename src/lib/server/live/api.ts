import { z } from 'zod';
import { isAcceptableCode, normalizeCode } from '$lib/live/codes';
import { adminActionSchema, classSummarySchema, createClassSchema, joinClassSchema, participantUpdateSchema } from '$lib/schemas/live';
import type { Db } from '../db';
import { ApiError, bearer, handled, json, readJson } from '../http';
import { RATE_RULES, RateLimiter, type BucketRule } from '../rate-limit';
import { Classes } from './classes';
import { toClassCsv } from './csv';
import { ClassHub } from './hub';
import { projectorStream, studentStream } from './streams';

export interface LiveRequest {
	request: Request;
	ip: string;
	params: { code?: string; pid?: string };
}

const pidSchema = z.uuid();

/** The live classroom's HTTP handlers over one database and one hub. */
export function classApi(db: Db, hub: ClassHub, opts: { limiter?: RateLimiter; rules?: { ip: BucketRule } } = {}) {
	const classes = new Classes(db, hub);
	const limiter = opts.limiter ?? new RateLimiter();
	const rules = opts.rules ?? RATE_RULES;

	const codeOf = (req: LiveRequest) => {
		const code = normalizeCode(req.params.code ?? '');
		if (!isAcceptableCode(code)) throw new ApiError(404, 'not_found', 'That is not a class code: codes are 6 letters and digits, as shown on the screen.');
		return code;
	};
	const pidOf = (req: LiveRequest) => {
		const p = pidSchema.safeParse(req.params.pid);
		if (!p.success) throw new ApiError(404, 'not_found', 'No such participant.');
		return p.data;
	};
	const lastEventId = (req: LiveRequest) => {
		const v = req.request.headers.get('last-event-id');
		return v !== null && /^\d{1,15}$/.test(v) ? Number(v) : null;
	};
	const route = (fn: (req: LiveRequest) => Promise<Response>) => (req: LiveRequest) =>
		handled(req.request, () => {
			limiter.check(`ip:${req.ip}`, rules.ip);
			return fn(req);
		});

	return {
		classes,
		create: route(async (req) => {
			const body = await readJson(req.request, createClassSchema);
			return json(await classes.create(body.title), 201);
		}),
		info: route(async (req) => json(await classes.info(codeOf(req)))),
		join: route(async (req) => json(await classes.join(codeOf(req), (await readJson(req.request, joinClassSchema)).nickname), 201)),
		me: route(async (req) => json(await classes.me(codeOf(req), pidOf(req), bearer(req.request)))),
		update: route(async (req) => {
			const change = await readJson(req.request, participantUpdateSchema);
			return json(await classes.update(codeOf(req), pidOf(req), bearer(req.request), change));
		}),
		result: route(async (req) => {
			const summary = await readJson(req.request, classSummarySchema);
			return json(await classes.update(codeOf(req), pidOf(req), bearer(req.request), { summary }));
		}),
		admin: route(async (req) => json(await classes.act(codeOf(req), bearer(req.request), await readJson(req.request, adminActionSchema)))),
		remove: route(async (req) => {
			await classes.remove(codeOf(req), bearer(req.request));
			return json({ deleted: true });
		}),
		csv: route(async (req) => {
			const code = codeOf(req);
			const rows = await classes.participantsForCsv(code, bearer(req.request));
			return new Response(toClassCsv(rows), {
				headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="tito-class-${code}.csv"`, 'cache-control': 'no-store' }
			});
		}),
		projector: route(async (req) => {
			const code = codeOf(req);
			await classes.checkAdmin(code, bearer(req.request));
			await hub.start();
			return projectorStream(code, lastEventId(req), classes, hub);
		}),
		student: route(async (req) => {
			const code = codeOf(req);
			const pid = pidOf(req);
			await classes.checkParticipant(code, pid, bearer(req.request));
			await hub.start();
			return studentStream(code, pid, lastEventId(req), classes, hub);
		})
	};
}

export type ClassApi = ReturnType<typeof classApi>;
