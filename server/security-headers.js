// One definition of the headers every response carries, used by the production
// server (static files included), by hooks.server.ts and by the Vite dev/preview plugin.
// COOP + COEP make the page crossOriginIsolated: SharedArrayBuffer, wasm threads and
// precise timers depend on it.

/** @type {Record<string, string[]>} */
export const cspDirectives = {
	'default-src': ["'self'"],
	'script-src': ["'self'", "'wasm-unsafe-eval'"],
	'style-src': ["'self'", "'unsafe-inline'"],
	'img-src': ["'self'", 'data:', 'blob:'],
	'font-src': ["'self'"],
	'connect-src': ["'self'"],
	'worker-src': ["'self'", 'blob:'],
	'manifest-src': ["'self'"],
	'object-src': ["'none'"],
	'base-uri': ["'self'"],
	'form-action': ["'self'"],
	'frame-ancestors': ["'none'"]
};

export const contentSecurityPolicy = Object.entries(cspDirectives)
	.map(([name, values]) => `${name} ${values.join(' ')}`)
	.join('; ');

/** Headers for every response. Pages get their CSP (with script hashes) from SvelteKit. */
export const securityHeaders = {
	'Cross-Origin-Opener-Policy': 'same-origin',
	'Cross-Origin-Embedder-Policy': 'require-corp',
	'Cross-Origin-Resource-Policy': 'same-origin',
	'X-Content-Type-Options': 'nosniff',
	'Referrer-Policy': 'no-referrer',
	'Permissions-Policy': 'camera=(), microphone=(), geolocation=()'
};
