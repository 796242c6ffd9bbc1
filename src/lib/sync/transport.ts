import type { OutboxOp } from '$lib/schemas/sync';

/** The HTTP request for one queued op; the token rides in the Authorization header. */
export function requestFor(op: OutboxOp, token: string, base: string): { url: string; init: RequestInit } {
	const id = op.anonymous_id;
	const jsonInit = (method: string, body: unknown, auth = true): RequestInit => ({
		method,
		headers: { 'content-type': 'application/json', ...(auth ? { authorization: `Bearer ${token}` } : {}) },
		body: JSON.stringify(body)
	});
	switch (op.kind) {
		case 'register':
			return { url: `${base}/api/v1/devices`, init: jsonInit('POST', { anonymous_id: id, ...op.body }, false) };
		case 'profile':
			return { url: `${base}/api/v1/devices/${id}/profile`, init: jsonInit('PUT', op.body) };
		case 'result':
			return { url: `${base}/api/v1/devices/${id}/results`, init: jsonInit('POST', op.body) };
		case 'submission':
			return { url: `${base}/api/v1/devices/${id}/submissions`, init: jsonInit('POST', op.body) };
		case 'delete':
			return { url: `${base}/api/v1/devices/${id}`, init: { method: 'DELETE', headers: { authorization: `Bearer ${op.body.token}` } } };
	}
}

export type Outcome =
	| { kind: 'done' }
	/** The server will never take this op (409, 422, 413): set it aside, go on with the rest. */
	| { kind: 'rejected'; reason: string }
	/** The device was deleted on the server: stop syncing for good. */
	| { kind: 'gone' }
	/** Try again later (offline, 429, 5xx); `retryAfterMs` when the server said. */
	| { kind: 'retry'; reason: string; retryAfterMs: number | null }
	/** The token is not accepted: syncing stops until the student acts. */
	| { kind: 'auth'; reason: string };

export async function send(op: OutboxOp, token: string, base: string, fetchFn: typeof fetch = fetch): Promise<Outcome> {
	const { url, init } = requestFor(op, token, base);
	let res: Response;
	try {
		res = await fetchFn(url, init);
	} catch (err) {
		return { kind: 'retry', reason: `offline or unreachable (${(err as Error).message})`, retryAfterMs: null };
	}
	if (res.ok) return { kind: 'done' };
	const message = await res
		.json()
		.then((b) => (b as { error?: { message?: string } })?.error?.message ?? res.statusText)
		.catch(() => res.statusText);
	if (res.status === 410) return op.kind === 'delete' ? { kind: 'done' } : { kind: 'gone' };
	if (res.status === 401 || res.status === 403) return { kind: 'auth', reason: message };
	if (res.status === 429 || res.status >= 500) {
		const after = Number(res.headers.get('retry-after'));
		return { kind: 'retry', reason: `${res.status}: ${message}`, retryAfterMs: Number.isFinite(after) && after > 0 ? after * 1000 : null };
	}
	return { kind: 'rejected', reason: `${res.status}: ${message}` };
}
