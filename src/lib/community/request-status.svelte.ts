import type { ApiCallError } from './api-client';

/**
 * Whether a call to the website is under way, and what went wrong with the last one, in
 * words a student can act on. Each community store keeps one.
 */
export class RequestStatus {
	busy = $state(false);
	error = $state<string | null>(null);

	/** Runs `fn`; a failure becomes `error`, through `explain` when the store knows better words. */
	async run(fn: () => Promise<void>, explain: (err: ApiCallError) => string | Promise<string> = (err) => err.message): Promise<void> {
		this.busy = true;
		this.error = null;
		try {
			await fn();
		} catch (err) {
			this.error = await explain(err as ApiCallError);
		} finally {
			this.busy = false;
		}
	}
}
