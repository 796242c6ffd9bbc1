import { loadPartnerState } from '$lib/storage/partners';
import { loadSyncState } from '$lib/storage/sync';

/** 32 random bytes from WebCrypto, base64url without padding. */
export function newToken(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(32));
	return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export interface DeviceCredentials {
	anonymous_id: string;
	token: string;
}

/**
 * One id and one token per device on the website. Whichever opt-in comes first — sync or
 * study partners — makes the token and the other reuses it: the server refuses a second
 * token for an id it knows. A device deleted on the website needs a new id (leave and join).
 */
export async function deviceCredentials(): Promise<DeviceCredentials | null> {
	const sync = await loadSyncState();
	if (sync && sync.state !== 'deleted') return { anonymous_id: sync.anonymous_id, token: sync.token };
	const partners = await loadPartnerState();
	return partners ? { anonymous_id: partners.anonymous_id, token: partners.token } : null;
}

/** The token for `anonymousId`: the one already registered, or a new one. */
export async function deviceToken(anonymousId: string): Promise<string> {
	const known = await deviceCredentials();
	return known?.anonymous_id === anonymousId ? known.token : newToken();
}
