import type { IncomingMessage, ServerResponse } from 'node:http';
import { api } from './api';
import { BODY_LIMIT_BYTES, isJsonType } from './http';
import { live } from './live/instance';

/**
 * The write routes a lecture hall hits at once (sync uploads, class joins and results), served
 * straight from Node's request to the same API function the SvelteKit route calls. SvelteKit's
 * own Node-to-Request conversion costs ~0.45 ms a request on these machines (a JSON echo
 * route tops out near 1,900/s on two cores); this path builds the Request from the buffered
 * body (~0.09 ms). Everything else, and anything this path is unsure of, goes to SvelteKit.
 * server/index.js calls it before the SvelteKit handler; hooks.server.ts hands it over.
 */
type Call = (req: { request: Request; ip: string; params: Record<string, string> }) => Promise<Response>;

interface FastRoute {
	method: string;
	pattern: RegExp;
	names: string[];
	handler: () => Promise<Call>;
}

const device = (name: 'register' | 'putProfile' | 'postResult' | 'postSubmission') => async () => (await api())[name] as Call;
const classroom = (name: 'join' | 'result') => async () => (await live()).api[name] as unknown as Call;

export const FAST_ROUTES: FastRoute[] = [
	{ method: 'POST', pattern: /^\/api\/v1\/devices$/, names: [], handler: device('register') },
	{ method: 'PUT', pattern: /^\/api\/v1\/devices\/([^/]+)\/profile$/, names: ['id'], handler: device('putProfile') },
	{ method: 'POST', pattern: /^\/api\/v1\/devices\/([^/]+)\/results$/, names: ['id'], handler: device('postResult') },
	{ method: 'POST', pattern: /^\/api\/v1\/devices\/([^/]+)\/submissions$/, names: ['id'], handler: device('postSubmission') },
	{ method: 'POST', pattern: /^\/api\/v1\/classes\/([^/]+)\/participants$/, names: ['code'], handler: classroom('join') },
	{ method: 'POST', pattern: /^\/api\/v1\/classes\/([^/]+)\/participants\/([^/]+)\/result$/, names: ['code', 'pid'], handler: classroom('result') }
];

/** The route and its decoded params, or null (not ours, or a path SvelteKit should judge). */
export function matchFast(method: string, path: string): { route: FastRoute; params: Record<string, string> } | null {
	for (const route of FAST_ROUTES) {
		if (route.method !== method) continue;
		const m = route.pattern.exec(path);
		if (!m) continue;
		try {
			return { route, params: Object.fromEntries(route.names.map((n, i) => [n, decodeURIComponent(m[i + 1])])) };
		} catch {
			return null;
		}
	}
	return null;
}

/** The client's address as adapter-node reports it (ADDRESS_HEADER, XFF_DEPTH), or null when its header is missing. */
export function clientAddress(req: IncomingMessage, env = process.env): string | null {
	const header = env.ADDRESS_HEADER?.toLowerCase();
	if (!header) return req.socket.remoteAddress ?? '';
	const value = req.headers[header];
	if (typeof value !== 'string') return null;
	if (header !== 'x-forwarded-for') return value;
	const depth = Number(env.XFF_DEPTH ?? 1);
	const addresses = value.split(',').map((a) => a.trim());
	return addresses[addresses.length - depth] ?? null;
}

/** The body, or its first `limit + 1` bytes when it is larger (the API answers 413); the rest is drained, not kept. */
function readBody(req: IncomingMessage, limit: number): Promise<Uint8Array<ArrayBuffer>> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (chunk: Buffer) => {
			if (size > limit) return;
			chunks.push(chunk);
			size += chunk.length;
		});
		req.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks).subarray(0, limit + 1))));
		req.on('error', reject);
	});
}

/** Serves the request when it is one of FAST_ROUTES; false hands it to SvelteKit. */
export function fastPath(req: IncomingMessage, res: ServerResponse): boolean {
	const path = req.url?.split('?')[0] ?? '';
	const hit = matchFast(req.method ?? '', path);
	// JSON only: SvelteKit judges the rest (its CSRF check refuses cross-site form posts first).
	if (!hit || !isJsonType(req.headers['content-type'])) return false;
	const ip = clientAddress(req);
	if (ip === null) return false;
	void (async () => {
		try {
			const headers = new Headers();
			for (const [name, value] of Object.entries(req.headers)) {
				if (value !== undefined && name !== 'content-length') headers.set(name, Array.isArray(value) ? value.join(', ') : value);
			}
			const declared = Number(req.headers['content-length'] ?? NaN);
			// Announced as too large: not read at all; the API's own check answers 413.
			if (declared > BODY_LIMIT_BYTES) headers.set('content-length', String(declared));
			const body = declared > BODY_LIMIT_BYTES ? (req.resume(), null) : await readBody(req, BODY_LIMIT_BYTES);
			const request = new Request(`http://localhost${req.url}`, { method: req.method, headers, body });
			const response = await (await hit.route.handler())({ request, ip, params: hit.params });
			res.statusCode = response.status;
			response.headers.forEach((value, name) => res.setHeader(name, value));
			res.end(Buffer.from(await response.arrayBuffer()));
		} catch (err) {
			console.error(`${req.method} ${path}: ${err instanceof Error ? err.message : err}`);
			if (res.headersSent) return void res.destroy();
			res.statusCode = 500;
			res.setHeader('content-type', 'application/json');
			res.end(JSON.stringify({ error: { code: 'internal', message: 'Something went wrong on the server; try again.' } }));
		}
	})();
	return true;
}
