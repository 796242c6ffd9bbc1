// `npm run bench` section "server": result ingest under load on loopback (autocannon in this
// process, so the load generator shares the two cores with the server), on the embedded
// PGlite and on PostgreSQL. Rate limits are raised for the run: they are what is measured
// here otherwise.
import autocannon from 'autocannon';
import { baselineResult, newDevice } from './fixtures.mjs';
import { databaseTargets, log, rssMb, startServer } from './harness.mjs';

const DURATION_S = 10;
const CONNECTIONS = 50;
const DEVICES = 200;
const BODIES = 50_000;
const UNLIMITED = { RATE_LIMIT_IP_BURST: '1000000000', RATE_LIMIT_IP_PER_MIN: '1000000000', RATE_LIMIT_DEVICE_BURST: '1000000000', RATE_LIMIT_DEVICE_PER_MIN: '1000000000' };

async function measure(target) {
	const server = await startServer({ ...target.env, ...UNLIMITED });
	try {
		const devices = [];
		for (let i = 0; i < DEVICES; i++) {
			const d = newDevice();
			const res = await fetch(`${server.url}/api/v1/devices`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(d) });
			if (res.status !== 201) throw new Error(`register answered ${res.status}`);
			devices.push(d);
		}
		// Made before the run, so the load generator spends its share of the two cores on sending.
		const bodies = Array.from({ length: BODIES }, () => JSON.stringify(baselineResult()));
		const body = bodies[0];
		log(`server/${target.name}: ${CONNECTIONS} connections for ${DURATION_S} s, result bodies of ${(body.length / 1024).toFixed(1)} KB`);
		let n = 0;
		const result = await autocannon({
			url: server.url,
			connections: CONNECTIONS,
			duration: DURATION_S,
			requests: [
				{
					method: 'POST',
					setupRequest(req) {
						const d = devices[n % devices.length];
						// Past the prepared ones (a server faster than BODIES in DURATION_S), fresh ones.
						const next = bodies[n++] ?? JSON.stringify(baselineResult());
						return {
							...req,
							path: `/api/v1/devices/${d.anonymous_id}/results`,
							headers: { 'content-type': 'application/json', authorization: `Bearer ${d.token}` },
							body: next
						};
					}
				}
			]
		});
		const stored = await Promise.all(devices.slice(0, 5).map(async (d) => (await (await fetch(`${server.url}/api/v1/devices/${d.anonymous_id}`, { headers: { authorization: `Bearer ${d.token}` } })).json()).results.length));
		return {
			db: target.name,
			requests_per_s: Math.round(result.requests.average),
			latency_p50_ms: result.latency.p50,
			latency_p99_ms: result.latency.p99,
			non_2xx: result.non2xx,
			errors: result.errors,
			timeouts: result.timeouts,
			total: result.requests.total,
			body_kb: Math.round(body.length / 102.4) / 10,
			stored_sample: stored,
			server_rss_mb: rssMb(server.pid)
		};
	} finally {
		await server.stop();
	}
}

export const serverSection = {
	name: 'server',
	needs: { browser: false },
	async run() {
		const rows = [];
		for (const target of await databaseTargets()) {
			try {
				rows.push(await measure(target));
			} finally {
				await target.drop();
			}
		}
		const targets = { pglite: { rps: 1500, p99: 100 }, postgres: { rps: 4000, p99: null } };
		const md = [
			'### Server: result ingest (autocannon on loopback, load generator on the same 2 cores)',
			'',
			'| database | requests/s | p50 (ms) | p99 (ms) | non-2xx | errors | server RSS (MB) | target |',
			'| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
			...rows.map((r) => {
				const t = targets[r.db];
				return `| ${r.db} | ${r.requests_per_s} | ${r.latency_p50_ms} | ${r.latency_p99_ms} | ${r.non_2xx} | ${r.errors} | ${r.server_rss_mb ?? '—'} | ≥ ${t.rps}/s${t.p99 ? `, p99 < ${t.p99} ms` : ''} |`;
			}),
			''
		].join('\n');
		return { data: { connections: CONNECTIONS, duration_s: DURATION_S, rows }, markdown: md };
	}
};
