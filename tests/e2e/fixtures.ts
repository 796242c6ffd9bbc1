import { test as base, expect } from '@playwright/test';

/**
 * Every e2e test gets a page whose requests are watched: a request to any host beyond
 * this machine fails the test (privacy: no third-party requests, ever).
 */
export const test = base.extend<{ offsite: string[] }>({
	offsite: [
		async ({ context, baseURL }, use) => {
			// The app's own server, and the extra servers some tests start on other local ports.
			const local = new Set(['localhost', '127.0.0.1', new URL(baseURL!).hostname]);
			const offsite: string[] = [];
			context.on('request', (req) => {
				const url = new URL(req.url());
				if (['http:', 'https:', 'ws:', 'wss:'].includes(url.protocol) && !local.has(url.hostname)) offsite.push(req.url());
			});
			await use(offsite);
			expect(offsite, 'requests that left this app').toEqual([]);
		},
		{ auto: true }
	]
});

export { expect };
