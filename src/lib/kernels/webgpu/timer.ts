import type { GpuTimerKind } from '../types';

/**
 * Nanosecond GPU timestamps to milliseconds. Null when the pair cannot be a duration
 * (some drivers write zeros or reorder across a reset): the sample then falls back to
 * wall time instead of reporting a made-up number.
 */
export function timestampDeltaMs(begin: bigint, end: bigint): number | null {
	if (begin === 0n || end < begin) return null;
	return Number(end - begin) / 1e6;
}

/**
 * The one GPU-timing helper. `time()` encodes one compute pass, submits it and resolves
 * when the GPU has finished, with the pass's GPU time: from `timestamp-query` when the
 * device has it, else the wall time from submit to `onSubmittedWorkDone`.
 */
export class GpuTimer {
	readonly kind: GpuTimerKind;
	#device: GPUDevice;
	#querySet: GPUQuerySet | null = null;
	#resolve: GPUBuffer | null = null;
	/** Readback buffers not being mapped right now: one per run in flight. */
	#free: GPUBuffer[] = [];
	#all: GPUBuffer[] = [];

	constructor(device: GPUDevice, timestamps: boolean) {
		this.#device = device;
		this.kind = timestamps ? 'gpu-timestamp' : 'gpu-submitted-work';
		if (timestamps) {
			this.#querySet = device.createQuerySet({ type: 'timestamp', count: 2 });
			this.#resolve = device.createBuffer({ size: 16, usage: GPUBufferUsage.QUERY_RESOLVE | GPUBufferUsage.COPY_SRC });
		}
	}

	/** `guard` makes the wait reject when the device is lost instead of hanging. */
	async time(encode: (pass: GPUComputePassEncoder) => void, guard: <T>(p: Promise<T>) => Promise<T>): Promise<number | null> {
		const encoder = this.#device.createCommandEncoder();
		const querySet = this.#querySet;
		const pass = encoder.beginComputePass(
			querySet ? { timestampWrites: { querySet, beginningOfPassWriteIndex: 0, endOfPassWriteIndex: 1 } } : {}
		);
		encode(pass);
		pass.end();
		if (!querySet) {
			const t0 = performance.now();
			this.#device.queue.submit([encoder.finish()]);
			await guard(this.#device.queue.onSubmittedWorkDone());
			return performance.now() - t0;
		}
		const readback = this.#free.pop() ?? this.#newReadback();
		encoder.resolveQuerySet(querySet, 0, 2, this.#resolve!, 0);
		encoder.copyBufferToBuffer(this.#resolve!, 0, readback, 0, 16);
		this.#device.queue.submit([encoder.finish()]);
		try {
			await guard(readback.mapAsync(GPUMapMode.READ));
			const [begin, end] = new BigUint64Array(readback.getMappedRange());
			const ms = timestampDeltaMs(begin, end);
			readback.unmap();
			return ms;
		} finally {
			this.#free.push(readback);
		}
	}

	destroy() {
		for (const b of this.#all) b.destroy();
		this.#resolve?.destroy();
		this.#querySet?.destroy();
		this.#all = [];
		this.#free = [];
	}

	#newReadback() {
		const b = this.#device.createBuffer({ size: 16, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
		this.#all.push(b);
		return b;
	}
}
