import { PARALLEL_FNS, type KernelExports, type ParallelFn } from './exports';
import { ControlBlock, MAX_ARGS, MAX_CHUNKS, MAX_THREADS, tableOf, type Table, type ThreadReply, type ThreadStart } from './thread';

/** A helper thread as the pool sees it: a web Worker in the browser, a worker_thread in tests. */
export interface ThreadHandle {
	post(start: ThreadStart): void;
	onReply(listener: (reply: ThreadReply) => void): void;
	terminate(): void;
}
export type SpawnThread = () => ThreadHandle;

const START_TIMEOUT_MS = 20_000;
/** A job still unfinished after this long means a helper is gone. */
const JOB_TIMEOUT_MS = 60_000;

/**
 * The calling worker plus `size − 1` helper threads on one shared memory. `run` posts a
 * job and works on it too; it blocks (Atomics.wait) until every chunk is done, so it
 * must be used from a worker, never from the page.
 */
export class ThreadPool {
	#broken: string | null = null;
	readonly #table: Table;

	private constructor(
		exports: KernelExports,
		private readonly control: ControlBlock,
		private readonly helpers: ThreadHandle[]
	) {
		this.#table = tableOf(exports);
	}

	static async start(
		exports: KernelExports,
		module: WebAssembly.Module,
		memory: WebAssembly.Memory,
		control: number,
		size: number,
		spawn: SpawnThread
	): Promise<ThreadPool> {
		if (size > MAX_THREADS) throw new Error(`ThreadPool: at most ${MAX_THREADS} threads`);
		const block = new ControlBlock(memory, control);
		block.words.fill(0);
		const helpers = Array.from({ length: size - 1 }, spawn);
		const ready = helpers.map(
			(h, i) =>
				new Promise<void>((resolve, reject) => {
					const timer = setTimeout(() => reject(new Error(`A WebAssembly helper thread did not start within ${START_TIMEOUT_MS / 1000} s. Reload the page to try again.`)), START_TIMEOUT_MS);
					h.onReply((r) => {
						clearTimeout(timer);
						if (r.type === 'ready') resolve();
						else reject(new Error(`A WebAssembly helper thread could not start (${r.message}). Reload the page to try again.`));
					});
					h.post({ type: 'start', module, memory, control, index: i + 1 });
				})
		);
		try {
			await Promise.all(ready);
		} catch (err) {
			for (const h of helpers) h.terminate();
			throw err;
		}
		return new ThreadPool(exports, block, helpers);
	}

	get size(): number {
		return this.helpers.length + 1;
	}

	/**
	 * Calls `fn` once per argument list, spread over the threads. With `scratch` (one block
	 * per thread), each call's last argument is replaced by the running thread's block.
	 */
	run(fn: ParallelFn, chunks: number[][], scratch: number[] | null = null): void {
		if (this.#broken) throw new Error(this.#broken);
		if (chunks.length > MAX_CHUNKS || chunks[0].length > MAX_ARGS) throw new Error(`ThreadPool: ${fn} job too large`);
		this.control.post(PARALLEL_FNS.indexOf(fn), chunks, scratch);
		this.control.work(this.#table, 0);
		if (!this.control.join(chunks.length, JOB_TIMEOUT_MS)) {
			this.#broken = 'A WebAssembly thread stopped responding. Reload the page to start the threads again.';
			throw new Error(this.#broken);
		}
		const failed = this.control.failed;
		if (failed) throw new Error(`A WebAssembly kernel failed on thread ${failed - 1}.`);
	}

	/** Chunks each thread has run so far (index 0: the calling worker). */
	get runCounts(): number[] {
		return this.control.runCounts(this.size);
	}

	dispose(): void {
		this.#broken = 'The WebAssembly threads were shut down.';
		this.control.quit();
		for (const h of this.helpers) h.terminate();
	}
}
