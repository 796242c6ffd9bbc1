import type { Handle, ServerInit } from '@sveltejs/kit';
import { securityHeaders } from '../server/security-headers.js';
import { fastPath } from '$lib/server/fast-path';
import { closeDatabase, database } from '$lib/server/instance';

export const init: ServerInit = async () => {
	const { db, migrations } = await database();
	console.log(`database: ${db.kind}, ${migrations} migrations applied`);
	// server/index.js serves the hot write routes through this before SvelteKit (see fast-path.ts).
	(globalThis as Record<symbol, unknown>)[Symbol.for('tito-web.fast-path')] = fastPath;
	process.once('sveltekit:shutdown', () => {
		void closeDatabase().finally(() => process.emit('tito:closed' as never));
	});
};

export const handle: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	for (const [name, value] of Object.entries(securityHeaders)) {
		if (!response.headers.has(name)) response.headers.set(name, value);
	}
	return response;
};
