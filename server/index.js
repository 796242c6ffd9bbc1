// Production entry: adapter-node's handler behind one middleware that puts the
// isolation and security headers on every response, static files included
// (adapter-node serves those without running hooks.server.ts).
import http from 'node:http';
import { contentSecurityPolicy, securityHeaders } from './security-headers.js';

/** @type {import('http').RequestListener & ((req: any, res: any, next: () => void) => void)} */
let handler;
try {
	// Importing the handler runs hooks.server.ts `init`: database open, lock, migrations.
	const entry = '../build/handler.js';
	({ handler } = await import(entry));
} catch (err) {
	console.error(`Tito Web could not start: ${err instanceof Error ? err.message : err}`);
	process.exit(1);
}

/** The hot write routes, served without SvelteKit's request conversion (src/lib/server/fast-path.ts); FAST_PATH=off turns it off. */
/** @type {((req: http.IncomingMessage, res: http.ServerResponse) => boolean) | undefined} */
const fastPath = process.env.FAST_PATH === 'off' ? undefined : /** @type {any} */ (globalThis)[Symbol.for('tito-web.fast-path')];

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '0.0.0.0';

// One line per API request, without personal data: method, path with ids masked, status,
// time. No IP, no query string, no body. LOG_REQUESTS=all logs every API request, =off none;
// the default logs API errors only (under load, a line per request costs throughput).
const logMode = process.env.LOG_REQUESTS ?? 'errors';
const mask = (url = '') => url.split('?')[0].replace(/[0-9a-f]{8}-[0-9a-f-]{27}/gi, ':id').replace(/\/classes\/[A-Z0-9]{6}/gi, '/classes/:code');
/** @param {http.IncomingMessage} req @param {http.ServerResponse} res @param {number} started */
function logRequest(req, res, started) {
	if (logMode === 'off' || !req.url?.startsWith('/api/')) return;
	if (logMode !== 'all' && res.statusCode < 400) return;
	console.log(`${req.method} ${mask(req.url)} ${res.statusCode} ${(performance.now() - started).toFixed(1)}ms`);
}

const server = http.createServer((req, res) => {
	const started = performance.now();
	res.once('finish', () => logRequest(req, res, started));
	for (const [name, value] of Object.entries(securityHeaders)) res.setHeader(name, value);
	// Pages replace this with SvelteKit's own CSP, which carries the hashes of its inline scripts.
	res.setHeader('Content-Security-Policy', contentSecurityPolicy);
	if (fastPath?.(req, res)) return;
	handler(req, res, () => {
		res.statusCode = 404;
		res.end('Not found');
	});
});

server.listen(port, host, () => console.log(`Tito Web on http://localhost:${port}`));

function shutdown() {
	// Event streams never end by themselves: close them (clients reconnect, to another
	// instance if there is one), and let the requests in flight finish their writes.
	process.emit(/** @type {any} */ ('tito:draining'));
	server.close(() => {
		// Lets hooks.server.ts close the database (and release the data-dir lock) after in-flight requests end.
		process.once(/** @type {any} */ ('tito:closed'), () => process.exit(0));
		process.emit(/** @type {any} */ ('sveltekit:shutdown'), 'SIGTERM');
	});
	server.closeIdleConnections?.();
	setTimeout(() => process.exit(0), 10_000).unref();
}
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);
