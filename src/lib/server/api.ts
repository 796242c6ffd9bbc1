import type { RequestEvent } from '@sveltejs/kit';
import { communityApi, type CommunityApi } from './community/api';
import { startLearningSweeps } from './community/sweeps';
import { database } from './instance';

let current: Promise<CommunityApi> | null = null;

/** The process's API over its database; routes call one of its handlers. */
export function api(): Promise<CommunityApi> {
	current ??= database().then(({ db }) => {
		startLearningSweeps(db);
		return communityApi(db);
	});
	return current;
}

export async function serve(event: RequestEvent, name: keyof CommunityApi): Promise<Response> {
	return (await api())[name]({ request: event.request, ip: event.getClientAddress(), params: event.params as Record<string, string> });
}
