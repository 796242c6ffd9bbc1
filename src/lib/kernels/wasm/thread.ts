import { PARALLEL_FNS, type KernelExports } from './exports';

// The pool's protocol, shared by the calling worker and its helper threads: one job at a
// time lives in a control block in the shared memory, as an export to call and a list of
// argument lists ("chunks"). Every thread, the caller included, claims chunks with a
// compare-and-swap until none are left, so a helper that the OS has not scheduled yet
// simply gets fewer chunks instead of holding everybody up. Atomics on shared memory
// (no postMessage per call) keep a dispatch to microseconds.

const GENERATION = 0;
/** Chunks not yet claimed; a thread claims chunk r − 1 by swapping r for r − 1. */
const REMAINING = 1;
const DONE = 2;
const FAILED = 3;
const QUIT = 4;
const FN = 5;
const ARGC = 6;
/** Index of the argument each thread replaces with its own scratch block, or −1. */
const SCRATCH_ARG = 7;
const SCRATCH_TABLE = 8;
/** Threads a pool may have (the control block's tables); more gain little on these sizes. */
export const MAX_THREADS = 16;
/** Chunks each thread has run since the pool started: how the work was actually shared. */
const RUN_COUNTS = SCRATCH_TABLE + MAX_THREADS;
const CHUNKS = RUN_COUNTS + MAX_THREADS;
export const MAX_ARGS = 14;
export const MAX_CHUNKS = 64;

export const CONTROL_BYTES = (CHUNKS + MAX_CHUNKS * MAX_ARGS) * 4;

/** Polls before sleeping: back-to-back jobs (a benchmark loop) then never pay a futex wake-up. */
const SPIN_POLLS = 20_000;

export type Table = ((...args: number[]) => void)[];
export const tableOf = (exports: KernelExports): Table => PARALLEL_FNS.map((name) => exports[name] as (...args: number[]) => void);

/** A view of the control block at byte address `control`. */
export class ControlBlock {
	readonly words: Int32Array;
	constructor(memory: WebAssembly.Memory, control: number) {
		this.words = new Int32Array(memory.buffer, control, CONTROL_BYTES / 4);
	}

	/** Caller: publishes a job (nobody may be working on the previous one) and wakes the helpers. */
	post(fn: number, chunks: number[][], scratch: number[] | null): void {
		const w = this.words;
		w[FN] = fn;
		w[ARGC] = chunks[0].length;
		w[SCRATCH_ARG] = scratch ? chunks[0].length - 1 : -1;
		if (scratch) w.set(scratch, SCRATCH_TABLE);
		chunks.forEach((args, i) => w.set(args, CHUNKS + i * MAX_ARGS));
		Atomics.store(w, DONE, 0);
		Atomics.store(w, FAILED, 0);
		Atomics.store(w, REMAINING, chunks.length);
		Atomics.add(w, GENERATION, 1);
		Atomics.notify(w, GENERATION);
	}

	/** Any thread: claims and runs chunks until none are left. Thread indexes start at 1 for helpers. */
	work(table: Table, thread: number): void {
		const w = this.words;
		const args: number[] = [];
		for (;;) {
			const remaining = Atomics.load(w, REMAINING);
			if (remaining === 0) return;
			if (Atomics.compareExchange(w, REMAINING, remaining, remaining - 1) !== remaining) continue;
			// Read the job only now: it cannot change until this chunk is counted done.
			const base = CHUNKS + (remaining - 1) * MAX_ARGS;
			args.length = w[ARGC];
			for (let i = 0; i < args.length; i++) args[i] = w[base + i];
			if (w[SCRATCH_ARG] >= 0) args[w[SCRATCH_ARG]] = w[SCRATCH_TABLE + thread];
			try {
				table[w[FN]](...args);
			} catch {
				Atomics.store(w, FAILED, thread + 1);
			}
			Atomics.add(w, RUN_COUNTS + thread, 1);
			Atomics.add(w, DONE, 1);
			Atomics.notify(w, DONE);
		}
	}

	/** Caller: waits until all `count` chunks are done; false when `timeoutMs` passed first. */
	join(count: number, timeoutMs: number): boolean {
		const w = this.words;
		for (let i = 0; i < SPIN_POLLS && Atomics.load(w, DONE) !== count; i++);
		const deadline = performance.now() + timeoutMs;
		let done: number;
		while ((done = Atomics.load(w, DONE)) !== count) {
			Atomics.wait(w, DONE, done, 100);
			if (performance.now() > deadline) return false;
		}
		return true;
	}

	runCounts(threads: number): number[] {
		return Array.from(this.words.subarray(RUN_COUNTS, RUN_COUNTS + threads));
	}

	/** 0 when the last job ran cleanly, else 1 + the index of a thread whose chunk threw. */
	get failed(): number {
		return Atomics.load(this.words, FAILED);
	}

	quit(): void {
		Atomics.store(this.words, QUIT, 1);
		Atomics.add(this.words, GENERATION, 1);
		Atomics.notify(this.words, GENERATION);
	}

	/** Helper: sleeps until a job is posted, works on it, forever (until quit). */
	serve(table: Table, thread: number, seen: number): void {
		const w = this.words;
		for (;;) {
			for (let i = 0; i < SPIN_POLLS && Atomics.load(w, GENERATION) === seen; i++);
			Atomics.wait(w, GENERATION, seen);
			seen = Atomics.load(w, GENERATION);
			if (Atomics.load(w, QUIT)) return;
			this.work(table, thread);
		}
	}

	get generation(): number {
		return Atomics.load(this.words, GENERATION);
	}
}

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

/** A helper thread: instantiates the kernels on the shared memory, says ready, then serves jobs until told to quit. */
export async function startThread(start: ThreadStart, reply: (r: ThreadReply) => void): Promise<void> {
	let exports: KernelExports;
	try {
		const instance = await WebAssembly.instantiate(start.module, kernelImports(start.memory));
		exports = instance.exports as unknown as KernelExports;
	} catch (err) {
		reply({ type: 'failed', message: err instanceof Error ? err.message : String(err) });
		return;
	}
	const control = new ControlBlock(start.memory, start.control);
	// Read before saying ready: the first job may be posted the moment the pool hears it.
	const seen = control.generation;
	reply({ type: 'ready' });
	control.serve(tableOf(exports), start.index, seen);
}
