// What every section of `npm run bench` shares: the production server on a free loopback
// port with a throw-away data dir, and headless Debian Chromium with the test flags.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { arch, cpus, loadavg, platform, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';

const root = new URL('../../', import.meta.url);

/** The flags of playwright.config.ts, plus WebGPU (a SwiftShader adapter where there is no GPU). */
export const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
	'--disable-default-apps',
	'--enable-unsafe-webgpu'
];

/** Progress goes to stderr: stdout carries only the Markdown tables. */
export const log = (...args) => console.error('bench:', ...args);

export function freePort() {
	return new Promise((resolve, reject) => {
		const srv = createServer();
		srv.once('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = /** @type {import('node:net').AddressInfo} */ (srv.address());
			srv.close(() => resolve(port));
		});
	});
}

/** Starts `node server/index.js` over the current build; resolves once /api/v1/health answers. */
export async function startServer(env = {}) {
	const port = await freePort();
	const dataDir = mkdtempSync(join(tmpdir(), 'tito-bench-'));
	const child = spawn(process.execPath, ['server/index.js'], {
		cwd: root,
		env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, ...env },
		stdio: ['ignore', 'ignore', 'pipe']
	});
	let stderr = '';
	child.stderr.on('data', (d) => (stderr += d));
	const url = `http://127.0.0.1:${port}`;
	const exited = new Promise((resolve) => child.once('exit', resolve));
	const deadline = Date.now() + 60_000;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`The server exited (${child.exitCode}): ${stderr.trim()}`);
		try {
			if ((await fetch(`${url}/api/v1/health`)).ok) break;
		} catch {
			// not listening yet
		}
		if (Date.now() > deadline) throw new Error('The server did not answer /api/v1/health within 60 s.');
		await new Promise((r) => setTimeout(r, 250));
	}
	return {
		url,
		pid: child.pid,
		async stop() {
			if (child.exitCode === null) child.kill('SIGTERM');
			await exited;
			rmSync(dataDir, { recursive: true, force: true });
		}
	};
}

export function launchBrowser() {
	return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/**
 * The machine as Node sees it; the browser's view (adapter, threads) is in each section.
 * The load average says whether other work shared the cores during the run.
 */
export function machineInfo(browserVersion) {
	const cpu = cpus();
	const load = loadavg()[0];
	if (load > cpu.length) log(`warning: load average ${load.toFixed(1)} on ${cpu.length} cores — other work is competing, numbers will be low and noisy.`);
	return {
		load_average_1m: Math.round(load * 100) / 100,
		cpu_model: cpu[0]?.model ?? 'unknown',
		cpu_count: cpu.length,
		memory_gb: Math.round((totalmem() / 2 ** 30) * 10) / 10,
		platform: `${platform()} ${release()} ${arch()}`,
		node: process.version,
		chromium: browserVersion
	};
}

/**
 * The databases a server section measures: the embedded PGlite always, and PostgreSQL when
 * one answers (TEST_DATABASE_URL, DATABASE_URL, or the local default), each in a schema of its own.
 */
export async function databaseTargets() {
	const targets = [{ name: 'pglite', env: {}, async drop() {} }];
	const url = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
	const pg = (await import('pg')).default;
	const admin = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
	try {
		await admin.connect();
	} catch {
		log(`no PostgreSQL at ${url.replace(/:[^:@/]*@/, ':***@')}: measuring PGlite only`);
		return targets;
	}
	const schema = `bench_${Date.now().toString(36)}`;
	await admin.query(`create schema ${schema}`);
	await admin.end();
	const scoped = new URL(url);
	scoped.searchParams.set('options', `-c search_path=${schema}`);
	targets.push({
		name: 'postgres',
		env: { DATABASE_URL: scoped.toString() },
		async drop() {
			const c = new pg.Client({ connectionString: url });
			await c.connect();
			await c.query(`drop schema ${schema} cascade`);
			await c.end();
		}
	});
	return targets;
}

/** Resident memory of a process, in MB (Linux). */
export function rssMb(pid) {
	try {
		const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
		return Math.round(kb / 1024);
	} catch {
		return null;
	}
}
