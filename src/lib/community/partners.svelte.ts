import type { MatchAction, PartnerSignup, PartnerState, PartnerView } from '$lib/schemas/partners';
import { clearPartnerState, loadPartnerState, savePartnerState } from '$lib/storage/partners';
import { deviceToken } from '$lib/sync/identity';
import { sync } from '$lib/sync/sync.svelte';
import { learningClient } from './api-client';
import { RequestStatus } from './request-status.svelte';
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
	#status = new RequestStatus();

	get state() { return this.#state; }
	get view() { return this.#view; }
	get loaded() { return this.#loaded; }
	get error() { return this.#status.error; }
	get busy() { return this.#status.busy; }

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
		let registered = false;
		await this.#status.run(
			async () => {
				await learningClient.register(credentials, 'partners', { version: PARTNER_CONSENT_VERSION, agreed_at });
				registered = true;
			},
			async (err) => {
				await this.#forget();
				return err.message;
			}
		);
		if (registered) await this.save(signup);
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
		if (!this.#status.error) await this.#forget();
	}

	async #forget() {
		await clearPartnerState();
		this.#state = null;
		this.#view = null;
	}

	#run(fn: () => Promise<PartnerView | null>): Promise<void> {
		return this.#status.run(
			async () => void (this.#view = await fn()),
			async (e) => {
				if (e.status !== 410 && !(e.status === 403 && e.code === 'consent_required')) return e.message;
				// Deleted on the website (a leave or "delete my data" elsewhere): this device is out of matching.
				await this.#forget();
				return e.status === 410
					? 'Your data on the website was deleted, so study-partner matching is off. This id cannot join again: leave and join anew on the Profile page to start over.'
					: 'Study-partner matching was withdrawn for this device. Opt in again to look for a partner.';
			}
		);
	}
}

export const partners = new PartnersStore();
