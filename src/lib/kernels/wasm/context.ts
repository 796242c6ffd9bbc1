import { Arena } from './arena';
import type { KernelExports, ParallelFn } from './exports';
import { createKernelMemory, instantiateKernels, memoryLimitBytes } from './loader';
import { ThreadPool, type SpawnThread } from './pool';
import { CONTROL_BYTES } from './thread';

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
			const control = arena.alloc(CONTROL_BYTES);
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

	/** Each thread's block for packing A (matmulPacked's last argument). */
	get packScratch(): number[] {
		return this.#packScratch;
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

	/**
	 * Calls one export once per argument list, on this thread alone or spread over the pool.
	 * With `scratch` (a block per thread), each call's last argument becomes the block of
	 * the thread that runs it.
	 */
	parallel(fn: ParallelFn, argLists: number[][], scratch: number[] | null = null): void {
		if (argLists.length > 1 && this.pool) return this.pool.run(fn, argLists, scratch);
		const f = this.exports[fn] as (...args: number[]) => void;
		for (const args of argLists) {
			if (scratch) args[args.length - 1] = scratch[0];
			f(...args);
		}
	}

	dispose(): void {
		this.#disposed = true;
		this.pool?.dispose();
	}
}
