import { PARALLEL_FNS, type KernelExports, type ParallelFn } from './exports';
import {
	CALL_WORDS, CTRL_FAILED, CTRL_GENERATION, CTRL_PENDING, CTRL_QUIT, MAX_ARGS, SPIN_POLLS, slotOf,
	type ThreadReply, type ThreadStart
} from './thread';

/** A helper thread as the pool sees it: a web Worker in the browser, a worker_thread in tests. */
export interface ThreadHandle {
	post(start: ThreadStart): void;
	onReply(listener: (reply: ThreadReply) => void): void;
	terminate(): void;
}
export type SpawnThread = () => ThreadHandle;

export interface Call {
	fn: ParallelFn;
	args: number[];
}

const START_TIMEOUT_MS = 20_000;
/** A call that takes longer than this on a helper means the helper is gone. */
const CALL_TIMEOUT_MS = 60_000;

/**
 * The calling worker plus `size − 1` helper threads on one shared memory. `run` hands
 * call i to thread i, runs call 0 itself and returns when every thread is done.
 * It blocks (Atomics.wait), so it must be used from a worker, never the page.
 */
export class ThreadPool {
	#words: Int32Array;
	#broken: string | null = null;

	private constructor(
		private readonly exports: KernelExports,
		memory: WebAssembly.Memory,
		private readonly control: number,
		private readonly helpers: ThreadHandle[]
	) {
		this.#words = new Int32Array(memory.buffer);
	}

	static async start(
		exports: KernelExports,
		module: WebAssembly.Module,
		memory: WebAssembly.Memory,
		control: number,
		size: number,
		spawn: SpawnThread
	): Promise<ThreadPool> {
		const helpers = Array.from({ length: size - 1 }, spawn);
		const ready = helpers.map(
			(h, i) =>
				new Promise<void>((resolve, reject) => {
					const timer = setTimeout(() => reject(new Error('a WebAssembly thread did not start in time')), START_TIMEOUT_MS);
					h.onReply((r) => {
						clearTimeout(timer);
						if (r.type === 'ready') resolve();
						else reject(new Error(`a WebAssembly thread could not start: ${r.message}`));
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
		return new ThreadPool(exports, memory, control, helpers);
	}

	get size(): number {
		return this.helpers.length + 1;
	}

	run(calls: Call[]): void {
		if (this.#broken) throw new Error(this.#broken);
		if (calls.length > this.size) throw new Error(`ThreadPool: ${calls.length} calls for ${this.size} threads`);
		const w = this.#words;
		const ctrl = this.control >> 2;
		for (let t = 1; t < this.size; t++) {
			const slot = slotOf(this.control, t);
			const call = calls[t];
			if (!call) {
				w[slot] = -1;
				continue;
			}
			if (call.args.length > MAX_ARGS) throw new Error(`ThreadPool: ${call.fn} has more than ${MAX_ARGS} arguments`);
			w[slot] = PARALLEL_FNS.indexOf(call.fn);
			w[slot + 1] = call.args.length;
			w.set(call.args, slot + 2);
			w.fill(0, slot + 2 + call.args.length, slot + CALL_WORDS);
		}
		Atomics.store(w, ctrl + CTRL_FAILED, 0);
		Atomics.store(w, ctrl + CTRL_PENDING, this.size - 1);
		Atomics.add(w, ctrl + CTRL_GENERATION, 1);
		Atomics.notify(w, ctrl + CTRL_GENERATION);
		try {
			const own = calls[0];
			if (own) (this.exports[own.fn] as (...args: number[]) => void)(...own.args);
		} finally {
			this.#join();
		}
		const failed = Atomics.load(w, ctrl + CTRL_FAILED);
		if (failed) throw new Error(`WebAssembly thread ${failed} failed while running a kernel.`);
	}

	#join(): void {
		const w = this.#words;
		const at = (this.control >> 2) + CTRL_PENDING;
		const deadline = performance.now() + CALL_TIMEOUT_MS;
		// The helpers usually finish within microseconds of this thread: poll before sleeping.
		for (let i = 0; i < SPIN_POLLS && Atomics.load(w, at) !== 0; i++);
		let pending: number;
		while ((pending = Atomics.load(w, at)) !== 0) {
			if (Atomics.wait(w, at, pending, 1000) === 'timed-out' && performance.now() > deadline) {
				this.#broken = 'A WebAssembly thread stopped responding. Reload the page to start the threads again.';
				throw new Error(this.#broken);
			}
		}
	}

	dispose(): void {
		this.#broken = 'The WebAssembly threads were shut down.';
		Atomics.store(this.#words, (this.control >> 2) + CTRL_QUIT, 1);
		Atomics.add(this.#words, (this.control >> 2) + CTRL_GENERATION, 1);
		Atomics.notify(this.#words, (this.control >> 2) + CTRL_GENERATION);
		for (const h of this.helpers) h.terminate();
	}
}
