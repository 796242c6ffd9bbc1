import { describeAdapter, requestWebgpuAdapter } from '$lib/compute/detect';
import { BufferPool } from './buffers';
import { PipelineCache } from './pipelines';
import { GpuTimer } from './timer';

/**
 * One WebGPU device and everything shared by the ops prepared on it: pipeline cache,
 * buffer pool, timer. It also turns the ways a device fails — lost, destroyed, an
 * uncaptured error, out of memory — into messages a student can act on, and makes
 * pending waits reject instead of hanging when the device goes away.
 */
export class GpuContext {
	readonly device: GPUDevice;
	readonly label: string;
	readonly pipelines: PipelineCache;
	readonly pool: BufferPool;
	readonly timer: GpuTimer;
	#lost: GPUDeviceLostInfo | null = null;
	#uncaptured: string | null = null;
	#shutDown = false;
	#waiting = new Set<(err: Error) => void>();

	constructor(device: GPUDevice, timestamps: boolean, label: string) {
		this.device = device;
		this.label = label;
		this.pipelines = new PipelineCache(device);
		this.pool = new BufferPool(device);
		this.timer = new GpuTimer(device, timestamps);
		device.lost.then((info) => {
			this.#lost = info;
			const err = this.#lostError(info);
			for (const reject of this.#waiting) reject(err);
			this.#waiting.clear();
		});
		device.addEventListener('uncapturederror', (e) => {
			this.#uncaptured ??= (e as GPUUncapturedErrorEvent).error.message;
		});
	}

	/** Throws why this device can no longer run work, if it cannot. */
	check() {
		if (this.#shutDown) throw new Error('The WebGPU backend was shut down; start a new run to use the GPU again.');
		if (this.#lost) throw this.#lostError(this.#lost);
		if (this.#uncaptured) throw new Error(`The GPU reported an error: ${this.#uncaptured}. Reload the page to start it again.`);
	}

	/** `work`, but rejected as soon as the device is lost. */
	guard = <T>(work: Promise<T>): Promise<T> => {
		if (this.#lost) return Promise.reject(this.#lostError(this.#lost));
		return new Promise<T>((resolve, reject) => {
			this.#waiting.add(reject);
			work.then(resolve, reject).finally(() => this.#waiting.delete(reject));
		});
	};

	/** Runs `build` inside validation and out-of-memory error scopes, and reports what they caught. */
	async scoped<T>(what: string, build: () => Promise<T>): Promise<T> {
		this.device.pushErrorScope('out-of-memory');
		this.device.pushErrorScope('validation');
		let result: { value: T } | { error: unknown };
		try {
			result = { value: await build() };
		} catch (error) {
			result = { error };
		}
		const invalid = await this.guard(this.device.popErrorScope());
		const oom = await this.guard(this.device.popErrorScope());
		if (oom) throw new Error(`The GPU ran out of memory preparing ${what}. Try a smaller size, or close other tabs that use the GPU.`);
		if (invalid) throw new Error(`The GPU rejected ${what}: ${invalid.message}`);
		if ('error' in result) throw result.error;
		this.check();
		return result.value;
	}

	destroy() {
		if (this.#shutDown) return;
		this.#shutDown = true;
		this.timer.destroy();
		this.pool.destroy();
		this.device.destroy();
	}

	#lostError(info: GPUDeviceLostInfo) {
		const detail = info.message ? `: ${info.message}` : '';
		return new Error(
			`The GPU device was lost (${info.reason}${detail}). Reload the page to start the GPU again; ` +
				'if it keeps happening, close other tabs that use the GPU or update the graphics driver.'
		);
	}
}

/**
 * Opens a device on the browser's adapter, with `timestamp-query` when the adapter has it
 * and the largest buffers it allows; or says in plain words why there is none.
 */
export async function acquireGpu(): Promise<{ gpu: GpuContext } | { unavailable: string }> {
	const got = await requestWebgpuAdapter();
	if ('reason' in got) return { unavailable: got.reason };
	const { adapter } = got;
	const timestamps = adapter.features.has('timestamp-query');
	const info = describeAdapter(adapter);
	const name = info.description || [info.vendor, info.architecture].filter(Boolean).join(' ') || 'GPU';
	try {
		const device = await adapter.requestDevice({
			label: 'tito kernels',
			requiredFeatures: timestamps ? ['timestamp-query'] : [],
			requiredLimits: {
				maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
				maxBufferSize: adapter.limits.maxBufferSize
			}
		});
		return { gpu: new GpuContext(device, timestamps, `WebGPU (${name}${info.software ? ', software' : ''})`) };
	} catch (err) {
		return {
			unavailable: `The GPU adapter was found but would not open a device (${(err as Error).message}). Reload the page; if it persists, use the WebAssembly results.`
		};
	}
}
