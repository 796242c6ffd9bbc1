// `npm run bench`: benchmarks of the built app on this machine (not tests: nothing here
// passes or fails on speed). Builds the app, starts it on a free loopback port, runs each
// section, writes bench/results.json and prints Markdown tables to stdout.
//
//   npm run bench                       every section
//   npm run bench -- --only kernels     some sections (comma-separated); the others in results.json are kept
//   npm run bench -- --no-build         use the existing build/
//   kernels: --quick, --sizes 128,256, --gpu-sizes 64,128, --budget <ms per measurement>
//
// A section is { name, needs: { browser? }, run(ctx) -> { data, markdown } }: kernels (own vs
// onnxruntime-web), baseline (wall time), capstone (wall time, models on every engine, roofline), server (ingest under load), live (a lecture hall).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { baselineSection } from './bench/baseline.mjs';
import { capstoneSection } from './bench/capstone.mjs';
import { kernels } from './bench/kernels.mjs';
import { liveSection } from './bench/live.mjs';
import { serverSection } from './bench/server.mjs';
import { launchBrowser, log, machineInfo, startServer } from './bench/harness.mjs';

const SECTIONS = [kernels, baselineSection, capstoneSection, serverSection, liveSection];
const RESULTS = new URL('../bench/results.json', import.meta.url);

const { values: args } = parseArgs({
	options: {
		only: { type: 'string' },
		'no-build': { type: 'boolean' },
		quick: { type: 'boolean' },
		sizes: { type: 'string' },
		'gpu-sizes': { type: 'string' },
		budget: { type: 'string' }
	}
});

const wanted = args.only ? args.only.split(',').map((s) => s.trim()) : SECTIONS.map((s) => s.name);
const unknown = wanted.filter((w) => !SECTIONS.some((s) => s.name === w));
if (unknown.length) {
	console.error(`Unknown section(s): ${unknown.join(', ')}. Sections: ${SECTIONS.map((s) => s.name).join(', ')}.`);
	process.exit(2);
}
const sections = SECTIONS.filter((s) => wanted.includes(s.name));

if (!args['no-build']) {
	log('building the app (npm run build)…');
	const built = spawnSync('npm', ['run', 'build', '--silent'], { stdio: ['ignore', 2, 2] });
	if (built.status !== 0) process.exit(built.status ?? 1);
}

/** Earlier sections of the same machine are kept when only some run now; another machine's are not mixed in. */
function previous(machine) {
	if (!existsSync(RESULTS)) return {};
	try {
		const old = JSON.parse(readFileSync(RESULTS, 'utf8'));
		const same = old.schema === 'tito-web/bench@1' && old.machine?.cpu_model === machine.cpu_model && old.machine?.cpu_count === machine.cpu_count;
		return same ? old : {};
	} catch {
		return {};
	}
}

const server = await startServer();
log(`app on ${server.url}`);
const browser = sections.some((s) => s.needs.browser) ? await launchBrowser() : null;
const machine = machineInfo(browser?.version() ?? null);
const results = { ...previous(machine), schema: 'tito-web/bench@1', generated_at: new Date().toISOString(), machine };
const tables = [];
let failed = false;
try {
	for (const section of sections) {
		log(`section ${section.name}…`);
		const started = performance.now();
		try {
			const { data, markdown } = await section.run({ url: server.url, browser, args });
			results[section.name] = { ...data, wall_s: Math.round((performance.now() - started) / 100) / 10 };
			tables.push(markdown);
		} catch (err) {
			failed = true;
			log(`section ${section.name} failed: ${err instanceof Error ? err.message : err}`);
		}
	}
} finally {
	await browser?.close();
	await server.stop();
}

machine.load_average_1m_after = Math.round(loadavg()[0] * 100) / 100;
mkdirSync(new URL('.', RESULTS), { recursive: true });
writeFileSync(RESULTS, JSON.stringify(results, null, 2) + '\n');
console.log(tables.join('\n'));
log('wrote bench/results.json');
process.exit(failed ? 1 : 0);
