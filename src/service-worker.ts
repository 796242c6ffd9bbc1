/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
import { build, files, version } from '$service-worker';
import { flushOutbox } from '$lib/sync/flush';

const sw = self as unknown as ServiceWorkerGlobalScope;

const SHELL = `shell-${version}`;
const RUNTIME = 'runtime-v1';

// onnxruntime's wasm (tens of MB) and shipped models stay out of the precache: they are
// cached the first time they are used, so installing the app stays quick.
const runtimeOnly = (path: string) => path.startsWith('/ort/') || path.startsWith('/models/');
const precache = ['/', ...build, ...files.filter((f) => !runtimeOnly(f))];

sw.addEventListener('install', (event) => {
	event.waitUntil(
		caches.open(SHELL).then((cache) => cache.addAll(precache)).then(async () => {
			// The first install takes control at once; an update waits for the student's "reload".
			if (!(await sw.clients.matchAll()).length) await sw.skipWaiting();
		})
	);
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			for (const key of await caches.keys()) if (key !== SHELL && key !== RUNTIME) await caches.delete(key);
			await sw.clients.claim();
		})()
	);
});

sw.addEventListener('message', (event) => {
	if (event.data?.type === 'skip-waiting') void sw.skipWaiting();
});

async function networkFirst(request: Request, fallback: string | Request): Promise<Response> {
	try {
		const response = await fetch(request);
		if (response.ok && request.method === 'GET' && request.mode !== 'navigate') {
			const cache = await caches.open(RUNTIME);
			await cache.put(request, response.clone());
		}
		return response;
	} catch (err) {
		const cached = (await caches.match(fallback)) ?? (await caches.match(request));
		if (cached) return cached;
		throw err;
	}
}

async function cacheFirst(request: Request): Promise<Response> {
	const cached = await caches.match(request);
	if (cached) return cached;
	const response = await fetch(request);
	if (response.ok) (await caches.open(runtimeOnly(new URL(request.url).pathname) ? RUNTIME : SHELL)).put(request, response.clone());
	return response;
}

sw.addEventListener('fetch', (event) => {
	const { request } = event;
	const url = new URL(request.url);
	if (request.method !== 'GET' || url.origin !== sw.location.origin) return;
	// The API is live data: never answered from a cache.
	if (url.pathname.startsWith('/api/')) return;
	if (request.mode === 'navigate') {
		// Pages render in the browser, so the cached shell of '/' serves every route offline.
		event.respondWith(networkFirst(request, '/'));
		return;
	}
	event.respondWith(cacheFirst(request));
});

// Background Sync: the browser wakes us when it is online again, even with the tab closed.
type SyncEvent = ExtendableEvent & { tag: string };
sw.addEventListener('sync' as 'message', (event) => {
	const e = event as unknown as SyncEvent;
	if (e.tag === 'tito-outbox') e.waitUntil(flushOutbox(sw.location.origin));
});
