/** Buffers are sized in steps of this many bytes, so near-equal requests share a buffer. */
export const BUFFER_ALIGN = 256;

/** Bytes a buffer for `bytes` of data occupies in the pool (never zero: WebGPU rejects empty bindings). */
export const pooledSize = (bytes: number) => Math.max(BUFFER_ALIGN, Math.ceil(bytes / BUFFER_ALIGN) * BUFFER_ALIGN);

const MB = 1024 * 1024;

/**
 * Reuses GPU buffers between prepared ops: a benchmark prepares the same shapes again and
 * again, and creating buffers is slow on some drivers. Released buffers wait, keyed by usage
 * and size, until the pool holds `keepBytes`; beyond that they are destroyed.
 */
export class BufferPool {
	#device: GPUDevice;
	#maxBinding: number;
	#keepBytes: number;
	#idle = new Map<string, GPUBuffer[]>();
	#idleBytes = 0;
	#live = new Set<GPUBuffer>();
	/** Bytes of every buffer this pool has created and not destroyed, and the most at any time. */
	#createdBytes = 0;
	#peakBytes = 0;

	constructor(device: GPUDevice, keepBytes = 256 * MB) {
		this.#device = device;
		this.#maxBinding = device.limits.maxStorageBufferBindingSize;
		this.#keepBytes = keepBytes;
	}

	acquire(bytes: number, usage: GPUBufferUsageFlags, label: string): GPUBuffer {
		const size = pooledSize(bytes);
		if (size > this.#maxBinding) {
			throw new Error(
				`The ${label} needs ${(size / MB).toFixed(1)} MB, more than this GPU allows in one buffer ` +
					`(${(this.#maxBinding / MB).toFixed(0)} MB). Try a smaller size.`
			);
		}
		const key = `${usage}:${size}`;
		const reused = this.#idle.get(key)?.pop();
		if (reused) this.#idleBytes -= size;
		const buffer = reused ?? this.#create(label, size, usage);
		this.#live.add(buffer);
		return buffer;
	}

	/** The most GPU memory the pool held at once (live and idle buffers). */
	get peakBytes() {
		return this.#peakBytes;
	}

	#create(label: string, size: number, usage: GPUBufferUsageFlags) {
		const buffer = this.#device.createBuffer({ label, size, usage });
		this.#createdBytes += size;
		this.#peakBytes = Math.max(this.#peakBytes, this.#createdBytes);
		return buffer;
	}

	release(buffer: GPUBuffer) {
		if (!this.#live.delete(buffer)) return;
		if (this.#idleBytes + buffer.size > this.#keepBytes) {
			buffer.destroy();
			this.#createdBytes -= buffer.size;
			return;
		}
		const key = `${buffer.usage}:${buffer.size}`;
		this.#idle.set(key, [...(this.#idle.get(key) ?? []), buffer]);
		this.#idleBytes += buffer.size;
	}

	destroy() {
		for (const b of this.#live) b.destroy();
		for (const list of this.#idle.values()) for (const b of list) b.destroy();
		this.#live.clear();
		this.#idle.clear();
		this.#idleBytes = 0;
		this.#createdBytes = 0;
	}
}
