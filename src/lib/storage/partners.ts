import { partnerStateSchema, type PartnerState } from '$lib/schemas/partners';
import { database } from './connection';
import { readOne, writeOne } from './records';

// Beside the sync consent in the `consent` store, so leaving (which clears the store) forgets it too.
const KEY = 'partners';

export async function loadPartnerState(): Promise<PartnerState | null> {
	return readOne(await database(), 'consent', KEY, partnerStateSchema);
}

export async function savePartnerState(state: PartnerState): Promise<PartnerState> {
	return writeOne(await database(), 'consent', partnerStateSchema, state, KEY);
}

export async function clearPartnerState(): Promise<void> {
	await (await database()).delete('consent', KEY);
}
