/** Alignment of every block: a cache line, so v128 loads never split one needlessly. */
export const ALIGN = 64;
const PAGE = 65536;

const up = (n: number, to: number) => Math.ceil(n / to) * to;

/**
 * First-fit allocator over a WebAssembly memory, kept on the JS side so the kernels need
 * no heap of their own (and a shared memory needs no locking: only the owning worker
 * allocates). Free blocks are merged with their neighbours; the memory grows when no
 * block fits. Addresses are byte offsets.
 */
export class Arena {
	/** Free blocks, sorted by address, never adjacent (merged). */
	#free: { at: number; size: number }[] = [];
	#live = new Map<number, number>();

	constructor(
		private readonly memory: WebAssembly.Memory,
		base: number,
		private readonly maxBytes = 4 * 1024 ** 3
	) {
		const start = up(base, ALIGN);
		const top = memory.buffer.byteLength;
		if (top > start) this.#free.push({ at: start, size: top - start });
	}

	/** Reserves `bytes` (rounded up to ALIGN) and returns the block's address. */
	alloc(bytes: number): number {
		const size = up(Math.max(bytes, 1), ALIGN);
		let i = this.#free.findIndex((b) => b.size >= size);
		if (i < 0) i = this.#grow(size);
		const block = this.#free[i];
		const at = block.at;
		if (block.size === size) this.#free.splice(i, 1);
		else this.#free[i] = { at: at + size, size: block.size - size };
		this.#live.set(at, size);
		return at;
	}

	free(at: number): void {
		const size = this.#live.get(at);
		if (size === undefined) throw new Error(`Arena: ${at} is not an allocated block`);
		this.#live.delete(at);
		let i = this.#free.findIndex((b) => b.at > at);
		if (i < 0) i = this.#free.length;
		this.#free.splice(i, 0, { at, size });
		const next = this.#free[i + 1];
		if (next && at + size === next.at) {
			this.#free[i].size += next.size;
			this.#free.splice(i + 1, 1);
		}
		const prev = this.#free[i - 1];
		if (prev && prev.at + prev.size === at) {
			prev.size += this.#free[i].size;
			this.#free.splice(i, 1);
		}
	}

	/** Bytes currently handed out. */
	get liveBytes(): number {
		let total = 0;
		for (const size of this.#live.values()) total += size;
		return total;
	}

	/** Grows the memory so a block of `size` fits at its end; returns that free block's index. */
	#grow(size: number): number {
		const top = this.memory.buffer.byteLength;
		const last = this.#free.at(-1);
		const tail = last && last.at + last.size === top ? last.size : 0;
		const pages = Math.ceil((size - tail) / PAGE);
		if (top + pages * PAGE > this.maxBytes) {
			const mib = Math.round(this.maxBytes / 1024 ** 2);
			throw new Error(`These shapes need more memory than the WebAssembly kernels may use (${mib} MiB). Try smaller sizes.`);
		}
		try {
			this.memory.grow(pages);
		} catch {
			throw new Error(`The browser refused more memory for the WebAssembly kernels (${pages * 64} KiB more). Close other tabs or try smaller sizes.`);
		}
		if (tail) last!.size += pages * PAGE;
		else this.#free.push({ at: top, size: pages * PAGE });
		return this.#free.length - 1;
	}
}
