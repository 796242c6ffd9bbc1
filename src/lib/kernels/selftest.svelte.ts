import { BACKENDS, type BackendId } from '$lib/schemas/result';
import { BenchClient } from '$lib/workers/bench-client';
import type { CaseOutcome } from './selftest';

export interface BackendSelftest {
	backend: BackendId;
	label: string | null;
	unavailable: string | null;
	outcomes: CaseOutcome[];
	done: boolean;
}

/** The kernel self-test page's state: every backend's correctness table, filled as cases finish. */
class SelftestState {
	#rows = $state<BackendSelftest[]>([]);
	#running = $state(false);
	#error = $state<string | null>(null);

	get rows() {
		return this.#rows;
	}
	get running() {
		return this.#running;
	}
	get error() {
		return this.#error;
	}

	async run() {
		if (this.#running) return;
		this.#running = true;
		this.#error = null;
		this.#rows = BACKENDS.map((backend) => ({ backend, label: null, unavailable: null, outcomes: [], done: false }));
		const client = new BenchClient();
		try {
			for (const row of this.#rows) {
				const done = await client.selftest(row.backend, (o) => row.outcomes.push(o));
				row.label = done.label;
				row.unavailable = done.unavailable;
				row.done = true;
			}
		} catch (err) {
			this.#error = `The self-test stopped: ${(err as Error).message}`;
		} finally {
			client.terminate();
			this.#running = false;
		}
	}
}

export const selftest = new SelftestState();
