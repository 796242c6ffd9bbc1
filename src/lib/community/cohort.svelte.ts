import type { CohortView } from '$lib/schemas/cohort';
import { deviceCredentials } from '$lib/sync/identity';
import { sync } from '$lib/sync/sync.svelte';
import { learningClient } from './api-client';
import { RequestStatus } from './request-status.svelte';

/**
 * The student's cohort, for devices that sync: joining sends the code with the anonymous
 * id; the page then shows the cohort's distributions, never other members.
 */
class CohortStore {
	#view = $state<CohortView | null>(null);
	#status = new RequestStatus();

	get view() { return this.#view; }
	get error() { return this.#status.error; }
	get busy() { return this.#status.busy; }

	load = () => this.#run((c) => learningClient.myCohort(c));
	join = (code: string) => this.#run((c) => learningClient.joinCohort(c, code));

	leave = () => this.#run((c) => learningClient.leaveCohort(c));

	async #run(fn: (c: { anonymous_id: string; token: string }) => Promise<CohortView>): Promise<void> {
		const c = sync.active ? await deviceCredentials() : null;
		if (!c) return;
		await this.#status.run(
			async () => {
				// Sync's outbox goes first: the website must know this device (its registration) before anything here.
				await sync.flush({ retryNow: true });
				this.#view = await fn(c);
			},
			(e) =>
				e.status === 403 && e.code === 'forbidden'
					? `The website does not know this device yet: sync still has ${sync.pending} change(s) to send. Try again when the Community page says everything is sent.`
					: e.message
		);
	}
}

export const cohort = new CohortStore();
