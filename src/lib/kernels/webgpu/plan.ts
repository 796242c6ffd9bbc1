import { sizeOf } from '../random';
import type { GpuContext } from './device';
import type { Workgroups } from './grid';

/** A tensor resident on the GPU: its shape and the storage buffer holding its float32 data. */
export interface GpuTensor {
	shape: number[];
	buffer: GPUBuffer;
}

/** Replaces a resident tensor's data (same size). */
export function writeTensor(device: GPUDevice, t: GpuTensor, data: Float32Array) {
	if (data.length !== sizeOf(t.shape)) throw new Error(`This input has ${data.length} values; the op was prepared for ${sizeOf(t.shape)}.`);
	// writeBuffer takes shared memory too (WebIDL AllowSharedBufferSource); the typings say ArrayBuffer only.
	device.queue.writeBuffer(t.buffer, 0, data as Float32Array<ArrayBuffer>);
}

interface Dispatch {
	pipeline: GPUComputePipeline;
	bindGroup: GPUBindGroup;
	workgroups: Workgroups;
}

/**
 * Packs a uniform block: the u32 fields, then the f32 fields, padded to 16 bytes.
 * Every kernel's `Params` struct lists its fields in that order.
 */
export function packUniform(u32: number[], f32: number[] = []): ArrayBuffer {
	const words = Math.ceil((u32.length + f32.length) / 4) * 4 || 4;
	const data = new ArrayBuffer(words * 4);
	new Uint32Array(data).set(u32);
	new Float32Array(data).set(f32, u32.length);
	return data;
}

/**
 * The GPU work of one prepared op: its dispatches in order and every buffer it owns
 * (inputs, intermediates, output, uniforms). Kernels append to it, so a composite
 * (mlp, cnn, attention) is just its parts chained into one plan, encoded in one pass.
 */
export class GpuPlan {
	readonly gpu: GpuContext;
	#dispatches: Dispatch[] = [];
	#owned: GPUBuffer[] = [];

	constructor(gpu: GpuContext) {
		this.gpu = gpu;
	}

	get dispatchCount() {
		return this.#dispatches.length;
	}

	/** A storage tensor this plan owns: an output or an intermediate. */
	tensor(shape: number[], label: string): GpuTensor {
		const usage = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST;
		return { shape, buffer: this.#own(this.gpu.pool.acquire(4 * sizeOf(shape), usage, label)) };
	}

	/** An input, uploaded now. */
	input(t: { shape: number[]; data: Float32Array }, label: string): GpuTensor {
		const resident = this.tensor(t.shape, label);
		writeTensor(this.gpu.device, resident, t.data);
		return resident;
	}

	/** A buffer the CPU maps to read `t` back. */
	readback(t: GpuTensor): GPUBuffer {
		return this.#own(this.gpu.pool.acquire(4 * sizeOf(t.shape), GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST, 'readback'));
	}

	uniform(u32: number[], f32: number[] = []): GPUBuffer {
		const data = packUniform(u32, f32);
		const buffer = this.#own(this.gpu.pool.acquire(data.byteLength, GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST, 'params'));
		this.gpu.device.queue.writeBuffer(buffer, 0, data);
		return buffer;
	}

	/**
	 * One dispatch; `bindings[i]` goes to @binding(i) of group 0. A null leaves a binding out,
	 * for entry points that share a file but not every variable (the `auto` layout has only
	 * the bindings an entry point uses).
	 */
	dispatch(pipeline: GPUComputePipeline, bindings: (GPUBuffer | null)[], workgroups: Workgroups) {
		const entries = bindings.flatMap((buffer, binding) => (buffer ? [{ binding, resource: { buffer } }] : []));
		const bindGroup = this.gpu.device.createBindGroup({ layout: pipeline.getBindGroupLayout(0), entries });
		this.#dispatches.push({ pipeline, bindGroup, workgroups });
	}

	encode(pass: GPUComputePassEncoder) {
		for (const d of this.#dispatches) {
			pass.setPipeline(d.pipeline);
			pass.setBindGroup(0, d.bindGroup);
			pass.dispatchWorkgroups(...d.workgroups);
		}
	}

	/** Gives every owned buffer back to the pool. */
	release() {
		for (const b of this.#owned) this.gpu.pool.release(b);
		this.#owned = [];
		this.#dispatches = [];
	}

	#own(buffer: GPUBuffer) {
		this.#owned.push(buffer);
		return buffer;
	}
}
