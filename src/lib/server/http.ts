import type { z } from 'zod';
import type { ApiErrorBody } from '$lib/schemas/api';

/** An error the client caused or must handle: always a 4xx with a code, never a 500. */
export class ApiError extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		message: string,
		readonly issues?: ApiErrorBody['error']['issues'],
		readonly headers: Record<string, string> = {}
	) {
		super(message);
	}
}

export const BODY_LIMIT_BYTES = Number(process.env.BODY_LIMIT_BYTES ?? 256 * 1024);

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
	return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers } });
}

export function errorResponse(err: ApiError): Response {
	const body: ApiErrorBody = { error: { code: err.code, message: err.message, ...(err.issues ? { issues: err.issues } : {}) } };
	return json(body, err.status, err.headers);
}

/** Reads the body within the size cap, whatever Content-Length claims. */
async function readCapped(request: Request, limit: number): Promise<Uint8Array> {
	const declared = Number(request.headers.get('content-length') ?? NaN);
	if (declared > limit) throw tooLarge(limit);
	if (!request.body) return new Uint8Array();
	const reader = request.body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		size += value.length;
		if (size > limit) {
			await reader.cancel();
			throw tooLarge(limit);
		}
		chunks.push(value);
	}
	const out = new Uint8Array(size);
	let at = 0;
	for (const c of chunks) out.set(c, (at += c.length) - c.length);
	return out;
}

const tooLarge = (limit: number) => new ApiError(413, 'too_large', `The request body is over ${Math.round(limit / 1024)} KB.`);

/** JSON only, within the cap, valid for `schema`; each failure its own status and code. */
/** A JSON request's Content-Type (with or without parameters such as charset). */
export const isJsonType = (type: string | null | undefined) => /^application\/json\b/i.test(type ?? '');

export async function readJson<S extends z.ZodType>(request: Request, schema: S, limit = BODY_LIMIT_BYTES): Promise<z.infer<S>> {
	if (!isJsonType(request.headers.get('content-type'))) throw new ApiError(415, 'unsupported_media_type', 'Send JSON with Content-Type: application/json.');
	const bytes = await readCapped(request, limit);
	let text: string;
	let data: unknown;
	try {
		text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
		data = JSON.parse(text);
	} catch {
		throw new ApiError(400, 'bad_json', 'The request body is not valid JSON.');
	}
	// PostgreSQL cannot store NUL in text or jsonb; no record of ours has one.
	if (/\\u0000|\u0000/i.test(text)) throw new ApiError(422, 'invalid', 'Text may not contain NUL characters.');
	const parsed = schema.safeParse(data);
	if (!parsed.success) {
		const issues = parsed.error.issues.slice(0, 10).map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
		throw new ApiError(422, 'invalid', `The request is not valid: ${issues[0].path || 'body'} — ${issues[0].message}.`, issues);
	}
	return parsed.data;
}

/** The bearer token, or 401. */
export function bearer(request: Request): string {
	const m = /^Bearer ([A-Za-z0-9_-]{43})$/.exec(request.headers.get('authorization') ?? '');
	if (!m) throw new ApiError(401, 'auth_required', 'This needs the device token: Authorization: Bearer <token>.');
	return m[1];
}

/** Runs a handler: its ApiErrors become their responses; anything else is logged (path only, ids masked) and a 500. */
export async function handled(request: Request, fn: () => Promise<Response>): Promise<Response> {
	try {
		return await fn();
	} catch (err) {
		if (err instanceof ApiError) return errorResponse(err);
		const path = new URL(request.url).pathname.replace(/[0-9a-f-]{36}/g, ':id');
		console.error(`api: ${request.method} ${path} failed:`, (err as Error)?.message);
		return errorResponse(new ApiError(500, 'server_error', 'The server failed; nothing was stored. Try again later.'));
	}
}
