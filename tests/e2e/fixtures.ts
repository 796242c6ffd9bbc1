import { test as base, expect } from '@playwright/test';

/**
 * Every e2e test gets a page whose requests are watched: a request to any host but
 * this app's own fails the test (privacy: no third-party requests, ever).
 */
export const test = base.extend<{ offsite: string[] }>({
	offsite: [
		async ({ context, baseURL }, use) => {
			const own = new URL(baseURL!).host;
			const offsite: string[] = [];
			context.on('request', (req) => {
				const url = new URL(req.url());
				if (['http:', 'https:', 'ws:', 'wss:'].includes(url.protocol) && url.host !== own) offsite.push(req.url());
			});
			await use(offsite);
			expect(offsite, 'requests that left this app').toEqual([]);
		},
		{ auto: true }
	]
});

export { expect };
