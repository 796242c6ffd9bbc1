import { Arena } from './arena';
import type { KernelExports, ParallelFn } from './exports';
import { createKernelMemory, instantiateKernels, memoryLimitBytes } from './loader';
import { ThreadPool, type SpawnThread } from './pool';
import { controlBytes } from './thread';

/** Allocations of one prepared op, freed together. */
export interface Scope {
	alloc(bytes: number): number;
	free(): void;
}

/**
 * One kernels instance and everything around it: its memory and allocator, the thread
 * pool (threads > 1) and each thread's packing scratch. Ops are planned against it.
 */
export class WasmContext {
	#packScratch: number[];
	#disposed = false;

	private constructor(
		readonly exports: KernelExports,
		readonly memory: WebAssembly.Memory,
		readonly arena: Arena,
		readonly pool: ThreadPool | null
	) {
		this.#packScratch = Array.from({ length: this.threads }, () => arena.alloc(exports.packedABytes()));
	}

	static async create(module: WebAssembly.Module, threads: number, spawn?: SpawnThread): Promise<WasmContext> {
		const shared = threads > 1;
		if (shared && !spawn) throw new Error('WasmContext: threads need a way to start workers');
		const memory = createKernelMemory(shared);
		const exports = await instantiateKernels(module, memory);
		const arena = new Arena(memory, exports.heapBase(), memoryLimitBytes(shared));
		let pool: ThreadPool | null = null;
		if (shared) {
			const control = arena.alloc(controlBytes(threads));
			new Int32Array(memory.buffer, control, controlBytes(threads) / 4).fill(0);
			pool = await ThreadPool.start(exports, module, memory, control, threads, spawn!);
		}
		return new WasmContext(exports, memory, arena, pool);
	}

	get threads(): number {
		return this.pool?.size ?? 1;
	}

	get disposed(): boolean {
		return this.#disposed;
	}

	/** A view of `length` floats at `ptr`, made fresh because growing the memory replaces its buffer. */
	f32(ptr: number, length: number): Float32Array {
		return new Float32Array(this.memory.buffer, ptr, length);
	}

	/** The packed-A block scratch of thread t. */
	packScratch(t: number): number {
		return this.#packScratch[t];
	}

	scope(): Scope {
		const blocks: number[] = [];
		return {
			alloc: (bytes) => {
				const at = this.arena.alloc(bytes);
				blocks.push(at);
				return at;
			},
			free: () => {
				if (!this.#disposed) for (const at of blocks.splice(0)) this.arena.free(at);
			}
		};
	}

	/** Runs one export per argument list: the first here, the others on the pool's threads. */
	parallel(fn: ParallelFn, argLists: number[][]): void {
		if (argLists.length === 1 || !this.pool) {
			const f = this.exports[fn] as (...args: number[]) => void;
			for (const args of argLists) f(...args);
			return;
		}
		this.pool.run(argLists.map((args) => ({ fn, args })));
	}

	dispose(): void {
		this.#disposed = true;
		this.pool?.dispose();
	}
}
