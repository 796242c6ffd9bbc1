import type { CohortView } from '$lib/schemas/cohort';
import { deviceCredentials } from '$lib/sync/identity';
import { sync } from '$lib/sync/sync.svelte';
import { ApiCallError, learningClient } from './api-client';

/**
 * The student's cohort, for devices that sync: joining sends the code with the anonymous
 * id; the page then shows the cohort's distributions, never other members.
 */
class CohortStore {
	#view = $state<CohortView | null>(null);
	#error = $state<string | null>(null);
	#busy = $state(false);

	get view() { return this.#view; }
	get error() { return this.#error; }
	get busy() { return this.#busy; }

	load = () => this.#run((c) => learningClient.myCohort(c));
	join = (code: string) => this.#run((c) => learningClient.joinCohort(c, code));

	leave = () => this.#run((c) => learningClient.leaveCohort(c));

	async #run(fn: (c: { anonymous_id: string; token: string }) => Promise<CohortView>): Promise<void> {
		const c = sync.active ? await deviceCredentials() : null;
		if (!c) return;
		this.#busy = true;
		this.#error = null;
		try {
			// Sync's outbox goes first: the website must know this device (its registration) before anything here.
			await sync.flush({ retryNow: true });
			this.#view = await fn(c);
		} catch (err) {
			const e = err as ApiCallError;
			this.#error =
				e.status === 403 && e.code === 'forbidden'
					? `The website does not know this device yet: sync still has ${sync.pending} change(s) to send. Try again when the Community page says everything is sent.`
					: e.message;
		} finally {
			this.#busy = false;
		}
	}
}

export const cohort = new CohortStore();
