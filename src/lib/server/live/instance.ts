import type { RequestEvent } from '@sveltejs/kit';
import { database } from '../instance';
import { classApi, type ClassApi } from './api';
import { ClassHub } from './hub';

let current: Promise<{ api: ClassApi; hub: ClassHub }> | null = null;

/** The process's classroom API and its hub; expired runs are swept every ten minutes. */
export function live(): Promise<{ api: ClassApi; hub: ClassHub }> {
	current ??= database().then(({ db }) => {
		const hub = new ClassHub(db);
		const api = classApi(db, hub);
		setInterval(() => void api.classes.expire().catch(() => {}), 10 * 60_000).unref();
		return { api, hub };
	});
	return current;
}

export async function serveLive(event: RequestEvent, name: Exclude<keyof ClassApi, 'classes'>): Promise<Response> {
	const { api } = await live();
	return api[name]({ request: event.request, ip: event.getClientAddress(), params: event.params as LiveParams });
}
type LiveParams = { code?: string; pid?: string };
