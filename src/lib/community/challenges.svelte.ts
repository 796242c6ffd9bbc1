import type { ChallengeInfo, ChallengeView } from '$lib/schemas/challenge';
import type { Module20Submission } from '$lib/schemas/module20';
import { deviceCredentials, type DeviceCredentials } from '$lib/sync/identity';
import { sync } from '$lib/sync/sync.svelte';
import { learningClient } from './api-client';

type Listed = ChallengeInfo & { entered?: boolean };

/**
 * Monthly challenges. Anyone can browse the challenges for everyone (nothing about them is
 * sent); taking part — and seeing a cohort's challenges — needs sync.
 */
class ChallengesStore {
	#list = $state<Listed[] | null>(null);
	#view = $state<ChallengeView | null>(null);
	#error = $state<string | null>(null);
	#busy = $state(false);

	get list() { return this.#list; }
	get view() { return this.#view; }
	get error() { return this.#error; }
	get busy() { return this.#busy; }

	async #credentials(): Promise<DeviceCredentials | null> {
		return sync.active ? deviceCredentials() : null;
	}

	async #run(fn: () => Promise<void>) {
		this.#busy = true;
		this.#error = null;
		try {
			await fn();
		} catch (err) {
			this.#error = (err as Error).message;
		} finally {
			this.#busy = false;
		}
	}

	loadList = () =>
		this.#run(async () => {
			const c = await this.#credentials();
			this.#list = c ? await learningClient.myChallenges(c) : await learningClient.publicChallenges();
		});

	open = (cid: string) =>
		this.#run(async () => {
			const c = await this.#credentials();
			this.#view = c ? await learningClient.myChallenge(c, cid) : null;
		});

	/** `nickname`: given only when the student chose to appear among their neighbours. */
	enter = (cid: string, submission: Module20Submission, nickname: string | null) =>
		this.#run(async () => {
			const c = await this.#credentials();
			if (c) this.#view = await learningClient.enterChallenge(c, cid, submission, nickname);
		});

	withdraw = (cid: string) =>
		this.#run(async () => {
			const c = await this.#credentials();
			if (!c) return;
			await learningClient.withdrawChallenge(c, cid);
			this.#view = await learningClient.myChallenge(c, cid);
		});
}

export const challenges = new ChallengesStore();
