import { local } from '$lib/community/local.svelte';
import { compute } from '$lib/compute/compute.svelte';
import type { Progress } from '$lib/bench/runner';
import type { CapstoneLength } from '$lib/bench/suites/capstone';
import type { ModelReport } from '$lib/schemas/capstone';
import type { BenchResult, WorkloadResult } from '$lib/schemas/result';
import { runCapstone } from './run';

type Saved = { ok: true; score: 'kept' | 'no-profile' | 'none' } | { ok: false; reason: string };

/** The capstone run on the bench page: idle → running → done | cancelled | error, with live rows. */
class CapstoneRun {
	#status = $state<'idle' | 'running' | 'done' | 'cancelled' | 'error'>('idle');
	#progress = $state<Progress>({ fraction: 0, step: '', etaMs: null });
	#rows = $state<WorkloadResult[]>([]);
	#models = $state<ModelReport[]>([]);
	#result = $state.raw<BenchResult | null>(null);
	#error = $state<string | null>(null);
	#saved = $state<Saved | null>(null);
	#controller: AbortController | null = null;

	get status() { return this.#status; }
	get progress() { return this.#progress; }
	get rows() { return this.#rows; }
	get models() { return this.#models; }
	get result() { return this.#result; }
	get error() { return this.#error; }
	get saved() { return this.#saved; }

	async start(length: CapstoneLength) {
		if (this.#status === 'running') return;
		this.#status = 'running';
		this.#rows = [];
		this.#models = [];
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
			const result = await runCapstone(compute.report, {
				length,
				signal: this.#controller.signal,
				onProgress: (p) => (this.#progress = p),
				onRow: (row) => this.#rows.push(row),
				onModel: (m) => this.#models.push(m)
			});
			this.#result = result;
			this.#status = 'done';
			this.#saved = await this.#save(result);
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

	async #save(result: BenchResult): Promise<Saved> {
		try {
			await local.saveRun(result);
			const score = result.capstone?.score;
			if (!score) return { ok: true, score: 'none' };
			return { ok: true, score: (await local.setCapstoneScore(score.value)) ? 'kept' : 'no-profile' };
		} catch (err) {
			return { ok: false, reason: (err as Error).message };
		}
	}

	cancel() {
		this.#controller?.abort();
	}

	/** Shows a capstone result loaded from history or a file. */
	show(result: BenchResult) {
		if (this.#status === 'running') return;
		this.#result = result;
		this.#rows = result.workloads;
		this.#models = result.capstone?.models ?? [];
		this.#status = 'done';
		this.#saved = null;
	}
}

export const capstone = new CapstoneRun();
