import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { cspDirectives } from './server/security-headers.js';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// Precompressing onnxruntime's multi-megabyte wasm takes minutes; the server streams them as they are.
		adapter: adapter({ precompress: false }),
		csp: { mode: 'auto', directives: /** @type {any} */ (cspDirectives) },
		serviceWorker: { register: false },
		// Offline, the service worker answers every route with the cached shell of '/': its asset
		// URLs must be absolute, or /bench/perf would look for them under /bench/_app/.
		paths: { relative: false },
		version: { pollInterval: 0 }
	}
};

export default config;
