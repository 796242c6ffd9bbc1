import { sveltekit } from '@sveltejs/kit/vite';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { contentSecurityPolicy, securityHeaders } from './server/security-headers.js';

// SvelteKit's preview ignores `preview.headers`, so dev and preview get the same
// isolation headers as production through a middleware.
function isolationHeaders(): Plugin {
	type Middlewares = { use(fn: (req: unknown, res: { setHeader(k: string, v: string): void }, next: () => void) => void): unknown };
	const add = (server: { middlewares: Middlewares }) => {
		server.middlewares.use((_req, res, next) => {
			for (const [name, value] of Object.entries(securityHeaders)) res.setHeader(name, value);
			res.setHeader('Content-Security-Policy', contentSecurityPolicy);
			next();
		});
	};
	return { name: 'tito-isolation-headers', configureServer: add, configurePreviewServer: add };
}

export default defineConfig({
	plugins: [isolationHeaders(), sveltekit()],
	worker: { format: 'es' },
	test: {
		include: ['tests/unit/**/*.test.ts'],
		environment: 'node',
		testTimeout: 30_000,
		hookTimeout: 60_000
	}
});
