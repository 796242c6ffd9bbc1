import { PARALLEL_FNS, type KernelExports } from './exports';

// One helper thread of the pool: the same kernels module instantiated on the shared
// memory, waiting on a control block in that memory for calls to run. Synchronising with
// Atomics on shared memory (no postMessage per call) keeps a dispatch to a few
// microseconds when the thread is already awake, so products of a few hundred rows
// still gain from a second core.

/** Int32 word offsets inside the control block. Each thread has a call slot of CALL_WORDS words. */
export const CTRL_GENERATION = 0;
export const CTRL_PENDING = 1;
export const CTRL_FAILED = 2;
export const CTRL_QUIT = 3;
const CTRL_SLOTS = 8;
/** A call slot: fn code, argument count, arguments. */
export const CALL_WORDS = 16;
export const MAX_ARGS = CALL_WORDS - 2;

export const controlBytes = (threads: number) => (CTRL_SLOTS + threads * CALL_WORDS) * 4;
export const slotOf = (control: number, thread: number) => (control >> 2) + CTRL_SLOTS + thread * CALL_WORDS;

/** Polls before sleeping: back-to-back calls (a benchmark loop) then never pay a futex wake-up. */
export const SPIN_POLLS = 20_000;

export interface ThreadStart {
	type: 'start';
	module: WebAssembly.Module;
	memory: WebAssembly.Memory;
	/** Byte address of the control block. */
	control: number;
	/** 1-based: the calling worker is thread 0. */
	index: number;
}

export type ThreadReply = { type: 'ready' } | { type: 'failed'; message: string };

export const kernelImports = (memory: WebAssembly.Memory) => ({
	env: {
		memory,
		abort() {
			throw new Error('A WebAssembly kernel stopped on an internal check.');
		}
	}
});

/** Instantiates the kernels, says ready, then serves calls until told to quit (never returns to the event loop before that). */
export async function startThread(start: ThreadStart, reply: (r: ThreadReply) => void): Promise<void> {
	let exports: KernelExports;
	try {
		const instance = await WebAssembly.instantiate(start.module, kernelImports(start.memory));
		exports = instance.exports as unknown as KernelExports;
	} catch (err) {
		reply({ type: 'failed', message: err instanceof Error ? err.message : String(err) });
		return;
	}
	reply({ type: 'ready' });
	serveCalls(exports, new Int32Array(start.memory.buffer), start.control >> 2, slotOf(start.control, start.index), start.index);
}

function serveCalls(exports: KernelExports, words: Int32Array, ctrl: number, slot: number, index: number): void {
	const table = PARALLEL_FNS.map((name) => exports[name] as (...args: number[]) => void);
	let seen = Atomics.load(words, ctrl + CTRL_GENERATION);
	for (;;) {
		for (let i = 0; i < SPIN_POLLS && Atomics.load(words, ctrl + CTRL_GENERATION) === seen; i++);
		Atomics.wait(words, ctrl + CTRL_GENERATION, seen);
		seen = Atomics.load(words, ctrl + CTRL_GENERATION);
		if (Atomics.load(words, ctrl + CTRL_QUIT)) return;
		const fn = words[slot];
		if (fn >= 0) {
			try {
				table[fn](...words.subarray(slot + 2, slot + 2 + words[slot + 1]));
			} catch {
				Atomics.store(words, ctrl + CTRL_FAILED, index);
			}
		}
		if (Atomics.sub(words, ctrl + CTRL_PENDING, 1) === 1) Atomics.notify(words, ctrl + CTRL_PENDING);
	}
}
