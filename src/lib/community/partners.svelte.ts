import type { MatchAction, PartnerSignup, PartnerState, PartnerView } from '$lib/schemas/partners';
import { clearPartnerState, loadPartnerState, savePartnerState } from '$lib/storage/partners';
import { deviceToken } from '$lib/sync/identity';
import { sync } from '$lib/sync/sync.svelte';
import { ApiCallError, learningClient } from './api-client';
import { PARTNER_CONSENT_VERSION, partnerConsentText } from './partner-consent';

const site = () => (typeof location === 'undefined' ? '' : location.origin);

/**
 * Study-partner matching on this device: off until the student agrees to its own consent.
 * Nothing about partners is sent before that; afterwards only what the consent lists.
 */
class PartnersStore {
	#state = $state<PartnerState | null>(null);
	#view = $state<PartnerView | null>(null);
	#loaded = $state(false);
	#error = $state<string | null>(null);
	#busy = $state(false);

	get state() { return this.#state; }
	get view() { return this.#view; }
	get loaded() { return this.#loaded; }
	get error() { return this.#error; }
	get busy() { return this.#busy; }

	/** Reads the local consent; only when there is one does it ask the website. */
	async load(): Promise<void> {
		this.#state = await loadPartnerState();
		this.#loaded = true;
		if (this.#state) await this.#run(() => learningClient.myPartners(this.#state!));
	}

	consentText(anonymousId: string, signup: PartnerSignup): string {
		return partnerConsentText(signup, { anonymousId, site: site(), syncOn: sync.active });
	}

	/** The consent screen's "I agree": register this device for partners, then send the settings. */
	async optIn(anonymousId: string, signup: PartnerSignup): Promise<void> {
		const agreed_at = new Date().toISOString();
		const credentials = { anonymous_id: anonymousId, token: await deviceToken(anonymousId) };
		const text = this.consentText(anonymousId, signup);
		// Kept before registering, so a leave can always delete what the website got.
		this.#state = await savePartnerState({ schema: 'tito-web/partners@1', ...credentials, consent: { version: PARTNER_CONSENT_VERSION, agreed_at, text } });
		try {
			await learningClient.register(credentials, 'partners', { version: PARTNER_CONSENT_VERSION, agreed_at });
		} catch (err) {
			await clearPartnerState();
			this.#state = null;
			this.#error = (err as Error).message;
			return;
		}
		await this.save(signup);
	}

	save(signup: PartnerSignup) {
		return this.#run(() => learningClient.savePartners(this.#state!, signup));
	}

	act(action: MatchAction) {
		return this.#run(() => learningClient.matchAction(this.#state!, action));
	}

	refresh() {
		return this.#state ? this.#run(() => learningClient.myPartners(this.#state!)) : Promise.resolve();
	}

	/** Withdraw: every partner record on the website goes, then the local consent. */
	async withdraw(): Promise<void> {
		if (!this.#state) return;
		await this.#run(async () => {
			await learningClient.leavePartners(this.#state!);
			return null;
		});
		if (!this.#error) await this.#forget();
	}

	async #forget() {
		await clearPartnerState();
		this.#state = null;
		this.#view = null;
	}

	async #run(fn: () => Promise<PartnerView | null>): Promise<void> {
		this.#busy = true;
		this.#error = null;
		try {
			this.#view = await fn();
		} catch (err) {
			const e = err as ApiCallError;
			if (e.status === 410 || (e.status === 403 && e.code === 'consent_required')) {
				// Deleted on the website (a leave or "delete my data" elsewhere): this device is out of matching.
				await this.#forget();
				this.#error =
					e.status === 410
						? 'Your data on the website was deleted, so study-partner matching is off. This id cannot join again: leave and join anew on the Profile page to start over.'
						: 'Study-partner matching was withdrawn for this device. Opt in again to look for a partner.';
			} else this.#error = e.message;
		} finally {
			this.#busy = false;
		}
	}
}

export const partners = new PartnersStore();
