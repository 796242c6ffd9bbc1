import { defineConfig } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const port = Number(process.env.E2E_PORT ?? 4173);
const chromiumArgs = [
	'--no-sandbox',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
	'--disable-default-apps'
];

export default defineConfig({
	testDir: 'tests/e2e',
	timeout: 120_000,
	expect: { timeout: 20_000 },
	fullyParallel: false,
	workers: 1,
	retries: 0,
	reporter: process.env.CI ? [['list']] : [['list']],
	use: {
		baseURL: `http://localhost:${port}`,
		trace: 'off',
		screenshot: 'only-on-failure'
	},
	projects: [
		{
			name: 'webgpu',
			use: {
				browserName: 'chromium',
				launchOptions: { executablePath: '/usr/bin/chromium', args: [...chromiumArgs, '--enable-unsafe-webgpu'] }
			}
		},
		{
			name: 'wasm-only',
			use: {
				browserName: 'chromium',
				launchOptions: { executablePath: '/usr/bin/chromium', args: chromiumArgs }
			}
		}
	],
	webServer: {
		command: 'node server/index.js',
		url: `http://localhost:${port}/api/v1/health`,
		reuseExistingServer: false,
		timeout: 60_000,
		env: {
			PORT: String(port),
			HOST: '127.0.0.1',
			DATA_DIR: process.env.E2E_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'tito-e2e-'))
		}
	}
});
