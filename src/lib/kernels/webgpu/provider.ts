import { sizeOf } from '../random';
import type { KernelProvider, OpChain, OpName, OpParams, PreparedOp, Tensor } from '../types';
import { acquireGpu, type GpuContext } from './device';
import { webgpuKernels, type WebgpuKernel } from './kernels';
import { GpuPlan, writeTensor, type GpuTensor } from './plan';

/**
 * The WebGPU backend: one device per provider. prepare() uploads the inputs and builds the
 * op's plan (pipelines from the cache, buffers from the pool, bind groups); run() only
 * encodes the plan's dispatches in one compute pass, submits once and waits for the GPU.
 * prepareChain() puts a whole model graph in one plan: each step reads the buffer the step
 * before wrote, so nothing crosses back to JavaScript until the output.
 */
export async function createWebgpuProvider(): Promise<{ provider: KernelProvider } | { unavailable: string }> {
	const got = await acquireGpu();
	if ('unavailable' in got) return got;
	const { gpu } = got;
	const supports = (op: OpName) => op in webgpuKernels;
	/** A fresh plan for `build`; its buffers go back to the pool if building fails. */
	async function withPlan(what: string, build: (plan: GpuPlan) => Promise<PreparedOp>): Promise<PreparedOp> {
		gpu.check();
		const plan = new GpuPlan(gpu);
		try {
			return await gpu.scoped(what, () => build(plan));
		} catch (err) {
			plan.release();
			throw err;
		}
	}
	return {
		provider: {
			backend: 'webgpu',
			label: gpu.label,
			gpuTimer: gpu.timer.kind,
			supports,
			peakMemory: () => ({ kind: 'gpu', bytes: gpu.pool.peakBytes }),
			prepare<O extends OpName>(op: O, inputs: Tensor[], params: OpParams[O]): Promise<PreparedOp> {
				return withPlan(`the ${op} kernel`, async (plan) => {
					const resident = inputs.map((t, i) => plan.input(t, `${op} input ${i}`));
					const output = await (webgpuKernels[op] as WebgpuKernel<O>)(plan, resident, params);
					return preparedOp(gpu, plan, resident, output, plan.readback(output));
				});
			},
			prepareChain(chain: OpChain): Promise<PreparedOp> {
				return withPlan('the model graph', async (plan) => {
					const input = plan.tensor(chain.input.shape, 'graph input');
					const values = new Map<string, GpuTensor>([[chain.input.name, input]]);
					const valueOf = (name: string, shape: number[]): GpuTensor => ({ shape, buffer: values.get(name)!.buffer });
					for (const step of chain.steps) {
						if (step.kind === 'view') {
							values.set(step.output, valueOf(step.input, step.shape));
							continue;
						}
						if (!supports(step.op)) throw new Error(`${gpu.label} has no ${step.op} kernel.`);
						const resident = step.inputs.map((i, n) => ('constant' in i.from ? plan.input({ shape: i.shape, data: i.from.constant }, `${step.op} constant ${n}`) : valueOf(i.from.value, i.shape)));
						values.set(step.output, await (webgpuKernels[step.op] as WebgpuKernel<OpName>)(plan, resident, step.params));
					}
					const output = values.get(chain.output.name)!;
					return preparedOp(gpu, plan, [input], output, plan.readback(output));
				});
			},
			dispose: () => gpu.destroy()
		}
	};
}

function preparedOp(gpu: GpuContext, plan: GpuPlan, inputs: GpuTensor[], output: GpuTensor, staging: GPUBuffer): PreparedOp {
	const bytes = 4 * sizeOf(output.shape);
	return {
		outputShape: output.shape,
		async run() {
			gpu.check();
			const kernelMs = await gpu.timer.time((pass) => plan.encode(pass), gpu.guard);
			gpu.check();
			return { kernelMs };
		},
		async upload(data) {
			gpu.check();
			data.forEach((d, i) => writeTensor(gpu.device, inputs[i], d));
		},
		async read() {
			gpu.check();
			const encoder = gpu.device.createCommandEncoder();
			encoder.copyBufferToBuffer(output.buffer, 0, staging, 0, bytes);
			gpu.device.queue.submit([encoder.finish()]);
			await gpu.guard(staging.mapAsync(GPUMapMode.READ, 0, bytes));
			const out = new Float32Array(staging.getMappedRange(0, bytes).slice(0));
			staging.unmap();
			return out;
		},
		dispose: () => plan.release()
	};
}
