import type { ChallengeInfo, ChallengeView } from '$lib/schemas/challenge';
import type { Module20Submission } from '$lib/schemas/module20';
import { deviceCredentials, type DeviceCredentials } from '$lib/sync/identity';
import { sync } from '$lib/sync/sync.svelte';
import { learningClient } from './api-client';
import { RequestStatus } from './request-status.svelte';

type Listed = ChallengeInfo & { entered?: boolean };

/**
 * Monthly challenges. Anyone can browse the challenges for everyone (nothing about them is
 * sent); taking part — and seeing a cohort's challenges — needs sync.
 */
class ChallengesStore {
	#list = $state<Listed[] | null>(null);
	#view = $state<ChallengeView | null>(null);
	#status = new RequestStatus();

	get list() { return this.#list; }
	get view() { return this.#view; }
	get error() { return this.#status.error; }
	get busy() { return this.#status.busy; }

	async #credentials(): Promise<DeviceCredentials | null> {
		return sync.active ? deviceCredentials() : null;
	}

	#run = (fn: () => Promise<void>) => this.#status.run(fn);

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

/** "1 Dec 2026 – 31 Dec 2026": a challenge ends at the start of the day after its last day, so show the day before that. */
export function challengeDates(c: Pick<ChallengeInfo, 'starts_at' | 'ends_at'>): string {
	const day = (ms: number) => new Date(ms).toLocaleDateString();
	return `${day(Date.parse(c.starts_at))} – ${day(Date.parse(c.ends_at) - 1)}`;
}
