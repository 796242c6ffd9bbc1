// `npm run bench` section "live": a lecture hall on loopback. 1,000 students wait on their
// event streams and 3 projector views watch one run; the instructor presses start (time
// until every student has it), then 1,000 results arrive over 10 s (time from the last one
// until every projector shows all of them, and how many got lost). PGlite and PostgreSQL.
import http from 'node:http';
import { classSummary } from './fixtures.mjs';
import { databaseTargets, log, rssMb, startServer } from './harness.mjs';

const STUDENTS = 1000;
const PROJECTORS = 3;
const RESULTS_OVER_MS = 10_000;
const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });

async function api(base, method, path, body, token) {
	const res = await fetch(`${base}/api/v1/classes${path}`, {
		method,
		headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
		body: body ? JSON.stringify(body) : undefined
	});
	if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
	return res.json();
}

/** An SSE connection that calls `onFrame(event, data)` per message; resolves once the response has started. */
function stream(base, path, token, onFrame) {
	return new Promise((resolve, reject) => {
		const req = http.get(`${base}${path}`, { agent, headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' } }, (res) => {
			if (res.statusCode !== 200) return reject(new Error(`stream ${path}: ${res.statusCode}`));
			let buffer = '';
			res.setEncoding('utf8');
			res.on('data', (chunk) => {
				buffer += chunk;
				let end;
				while ((end = buffer.indexOf('\n\n')) >= 0) {
					const frame = buffer.slice(0, end);
					buffer = buffer.slice(end + 2);
					const event = /^event: (.*)$/m.exec(frame)?.[1];
					const data = /^data: (.*)$/m.exec(frame)?.[1];
					if (event) onFrame(event, data);
				}
			});
			resolve(() => req.destroy());
		});
		req.on('error', reject);
	});
}

async function pool(items, limit, fn) {
	const out = new Array(items.length);
	let next = 0;
	await Promise.all(Array.from({ length: limit }, async () => {
		while (next < items.length) {
			const i = next++;
			out[i] = await fn(items[i], i);
		}
	}));
	return out;
}

async function hall(target) {
	const server = await startServer(target.env);
	const closers = [];
	try {
		const { code, admin_token } = await api(server.url, 'POST', '', { title: 'bench' });
		const joinStart = performance.now();
		const seats = await pool(Array.from({ length: STUDENTS }), 50, () => api(server.url, 'POST', `/${code}/participants`, {}));
		const joinMs = performance.now() - joinStart;
		log(`live/${target.name}: ${STUDENTS} joined in ${(joinMs / 1000).toFixed(1)} s`);

		const projectors = Array.from({ length: PROJECTORS }, () => ({ done: new Set(), seqs: [], allAt: null, snapshot: false }));
		for (const p of projectors) {
			closers.push(
				await stream(server.url, `/api/v1/classes/${code}/events`, admin_token, (event, data) => {
					if (event === 'snapshot') p.snapshot = true;
					if (event !== 'batch') return;
					for (const e of JSON.parse(data)) {
						p.seqs.push(e.seq);
						if (e.type === 'participant' && e.participant.status === 'done') p.done.add(e.participant.id);
					}
					if (p.done.size === STUDENTS && p.allAt === null) p.allAt = performance.now();
				})
			);
		}
		const gotStart = new Array(STUDENTS).fill(null);
		await pool(seats, 100, async (s, i) => {
			closers.push(
				await stream(server.url, `/api/v1/classes/${code}/participants/${s.participant.id}/events`, s.token, (event) => {
					if (event === 'class' && gotStart[i] === null) gotStart[i] = performance.now();
				})
			);
		});
		await new Promise((r) => setTimeout(r, 1000));
		const rssWaiting = rssMb(server.pid);

		const t0 = performance.now();
		await api(server.url, 'POST', `/${code}/admin`, { action: 'start' }, admin_token);
		while (gotStart.some((t) => t === null) && performance.now() - t0 < 30_000) await new Promise((r) => setTimeout(r, 5));
		const reached = gotStart.filter((t) => t !== null);
		const startAllMs = reached.length === STUDENTS ? Math.max(...reached) - t0 : null;

		// 1,000 results spread evenly over 10 s.
		const resultsStart = performance.now();
		let lastPostAt = 0;
		await Promise.all(
			seats.map(async (s, i) => {
				const due = resultsStart + (i * RESULTS_OVER_MS) / STUDENTS;
				await new Promise((r) => setTimeout(r, Math.max(0, due - performance.now())));
				await api(server.url, 'POST', `/${code}/participants/${s.participant.id}/result`, classSummary(i), s.token);
				lastPostAt = Math.max(lastPostAt, performance.now());
			})
		);
		while (projectors.some((p) => p.allAt === null) && performance.now() - lastPostAt < 30_000) await new Promise((r) => setTimeout(r, 5));
		const rssAfter = rssMb(server.pid);
		const lost = Math.max(...projectors.map((p) => STUDENTS - p.done.size));
		const ordered = projectors.every((p) => p.seqs.every((s, i) => i === 0 || s > p.seqs[i - 1]));
		return {
			db: target.name,
			students: STUDENTS,
			projectors: PROJECTORS,
			join_all_s: Math.round(joinMs / 100) / 10,
			start_to_all_students_ms: startAllMs === null ? null : Math.round(startAllMs),
			students_reached: reached.length,
			last_result_to_all_projectors_ms: projectors.every((p) => p.allAt !== null) ? Math.round(Math.max(...projectors.map((p) => p.allAt)) - lastPostAt) : null,
			events_lost: lost,
			events_in_order: ordered,
			server_rss_waiting_mb: rssWaiting,
			server_rss_after_mb: rssAfter
		};
	} finally {
		for (const close of closers) close();
		await server.stop();
	}
}

export const liveSection = {
	name: 'live',
	needs: { browser: false },
	async run() {
		const rows = [];
		for (const target of await databaseTargets()) {
			try {
				rows.push(await hall(target));
			} finally {
				await target.drop();
			}
		}
		const md = [
			`### Live classroom: ${STUDENTS} students and ${PROJECTORS} projectors on one run (loopback, 2 cores shared with the load)`,
			'',
			'| database | start → all students (ms) | last result → all projectors (ms) | events lost | in order | RSS waiting / after (MB) | joins (s) |',
			'| --- | ---: | ---: | ---: | --- | --- | ---: |',
			...rows.map((r) => `| ${r.db} | ${r.start_to_all_students_ms ?? `only ${r.students_reached} reached`} | ${r.last_result_to_all_projectors_ms ?? 'not all'} | ${r.events_lost} | ${r.events_in_order ? 'yes' : 'no'} | ${r.server_rss_waiting_mb} / ${r.server_rss_after_mb} | ${r.join_all_s} |`),
			'',
			'Targets: start to all students ≤ 1000 ms; last result to all projectors ≤ 1000 ms; 0 events lost.',
			''
		].join('\n');
		return { data: { rows }, markdown: md };
	}
};
