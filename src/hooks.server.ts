import type { Handle, ServerInit } from '@sveltejs/kit';
import { securityHeaders } from '../server/security-headers.js';
import { closeDatabase, database } from '$lib/server/instance';

export const init: ServerInit = async () => {
	const { db, migrations } = await database();
	console.log(`database: ${db.kind}, ${migrations} migrations applied`);
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
