import { local } from '$lib/community/local.svelte';
import { compute } from '$lib/compute/compute.svelte';
import type { BenchResult, WorkloadResult } from '$lib/schemas/result';
import type { Fault } from '$lib/workers/protocol';
import { runBaseline, type Progress } from './runner';

export const RUN_LENGTHS = {
	standard: { budgetMs: 500, label: 'Standard (up to 15 s)' },
	quick: { budgetMs: 120, label: 'Quick (a few seconds, wider error bars)' }
} as const;
export type RunLength = keyof typeof RUN_LENGTHS;

/** The baseline run on the bench page: idle → running → done | error, with live rows. */
class BaselineRun {
	#status = $state<'idle' | 'running' | 'done' | 'cancelled' | 'error'>('idle');
	#progress = $state<Progress>({ fraction: 0, step: '', etaMs: null });
	#rows = $state<WorkloadResult[]>([]);
	#result = $state<BenchResult | null>(null);
	#error = $state<string | null>(null);
	/** Whether the last run was saved on this device, or why not. */
	#saved = $state<{ ok: true } | { ok: false; reason: string } | null>(null);
	#controller: AbortController | null = null;

	get status() {
		return this.#status;
	}
	get progress() {
		return this.#progress;
	}
	get rows() {
		return this.#rows;
	}
	get result() {
		return this.#result;
	}
	get error() {
		return this.#error;
	}
	get saved() {
		return this.#saved;
	}

	async start(length: RunLength, fault?: Fault) {
		if (this.#status === 'running') return;
		this.#status = 'running';
		this.#rows = [];
		this.#result = null;
		this.#error = null;
		this.#saved = null;
		this.#progress = { fraction: 0, step: 'Looking at this device', etaMs: null };
		this.#controller = new AbortController();
		try {
			await compute.load();
			if (!compute.report) throw new Error(compute.error ?? 'Could not inspect this device.');
			// Cancelled while the device was inspected: the run's abort listener would never hear it.
			this.#controller.signal.throwIfAborted();
			const result = await runBaseline(compute.report, {
				budgetMs: RUN_LENGTHS[length].budgetMs,
				signal: this.#controller.signal,
				fault,
				onProgress: (p) => (this.#progress = p),
				onRow: (row) => this.#rows.push(row)
			});
			this.#result = result;
			this.#status = 'done';
			try {
				await local.saveRun(result);
				this.#saved = { ok: true };
			} catch (err) {
				this.#saved = { ok: false, reason: (err as Error).message };
			}
		} catch (err) {
			if ((err as Error).name === 'AbortError') {
				this.#status = 'cancelled';
				this.#rows = [];
			} else {
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

	/** Shows a result loaded from a file or from history. */
	show(result: BenchResult) {
		if (this.#status === 'running') return;
		this.#result = result;
		this.#rows = result.workloads;
		this.#status = 'done';
		this.#saved = null;
	}
}

export const baseline = new BaselineRun();
