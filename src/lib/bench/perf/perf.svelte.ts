import { compute } from '$lib/compute/compute.svelte';
import type { PerfEntry, PerfReport } from '$lib/schemas/perf';
import type { PerfSettings } from './plan';
import { runPerfLab } from './run';

/** The performance lab page's state: idle → running → done | cancelled | error, rows filled as they land. */
class PerfLab {
	#status = $state<'idle' | 'running' | 'done' | 'cancelled' | 'error'>('idle');
	#step = $state('');
	#fraction = $state(0);
	#entries = $state<PerfEntry[]>([]);
	#report = $state<PerfReport | null>(null);
	#error = $state<string | null>(null);
	#controller: AbortController | null = null;

	get status() {
		return this.#status;
	}
	get step() {
		return this.#step;
	}
	get fraction() {
		return this.#fraction;
	}
	get entries() {
		return this.#entries;
	}
	get report() {
		return this.#report;
	}
	get error() {
		return this.#error;
	}

	async start(settings: PerfSettings) {
		if (this.#status === 'running') return;
		this.#status = 'running';
		this.#entries = [];
		this.#report = null;
		this.#error = null;
		this.#step = 'Looking at this device';
		this.#fraction = 0;
		this.#controller = new AbortController();
		try {
			await compute.load();
			if (!compute.report) throw new Error(compute.error ?? 'Could not inspect this device.');
			this.#report = await runPerfLab(compute.report, settings, {
				signal: this.#controller.signal,
				onStep: (step, fraction) => {
					this.#step = step;
					this.#fraction = fraction;
				},
				onEntry: (e) => this.#entries.push(e)
			});
			this.#entries = this.#report.entries;
			this.#status = 'done';
		} catch (err) {
			if ((err as Error).name === 'AbortError') this.#status = 'cancelled';
			else {
				this.#status = 'error';
				this.#error = (err as Error).message;
			}
		} finally {
			this.#controller = null;
		}
	}

	cancel() {
		this.#controller?.abort();
	}
}

export const perfLab = new PerfLab();
