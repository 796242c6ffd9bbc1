import type { ComputeReport } from '$lib/schemas/compute';
import { BenchClient } from '$lib/workers/bench-client';

/** The adapter card's state: detected once per page load, inside the bench worker. */
class ComputeState {
	#report = $state<ComputeReport | null>(null);
	#error = $state<string | null>(null);
	#loading: Promise<void> | null = null;

	get report() {
		return this.#report;
	}
	get error() {
		return this.#error;
	}

	load(): Promise<void> {
		this.#loading ??= (async () => {
			const client = new BenchClient();
			try {
				this.#report = await client.detect();
			} catch (err) {
				this.#error = `Could not inspect this device: ${(err as Error).message}`;
			} finally {
				client.terminate();
			}
		})();
		return this.#loading;
	}
}

export const compute = new ComputeState();
