import { randomBytes, randomUUID } from 'node:crypto';
import type { ApiRequest, CommunityApi } from '$lib/server/community/api';

/** Calls one API handler as a route would, with JSON in and JSON out. */
export async function call(
	handler: CommunityApi[keyof CommunityApi],
	opts: { id?: string; token?: string; body?: unknown; raw?: string; headers?: Record<string, string>; ip?: string; method?: string; params?: Record<string, string> } = {}
) {
	const headers: Record<string, string> = { 'content-type': 'application/json', ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}), ...opts.headers };
	const body = opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body));
	const request = new Request('http://localhost/api/v1/test', { method: opts.method ?? (body === undefined ? 'GET' : 'POST'), headers, body });
	const req: ApiRequest = { request, ip: opts.ip ?? '127.0.0.1', params: { ...(opts.id ? { id: opts.id } : {}), ...opts.params } };
	const res = await handler(req);
	const text = await res.text();
	const isJson = res.headers.get('content-type')?.startsWith('application/json');
	return { status: res.status, headers: res.headers, body: text && isJson ? JSON.parse(text) : null, text };
}

export const newToken = () => randomBytes(32).toString('base64url');

export function newDevice() {
	return { anonymous_id: randomUUID(), token: newToken(), consent: { version: 'sync-1', agreed_at: '2026-11-30T10:00:00.000Z' } };
}
