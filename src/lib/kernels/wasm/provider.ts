import { sizeOf } from '../random';
import type { KernelProvider, OpName, OpParams, PreparedOp, Tensor } from '../types';
import { WasmContext } from './context';
import { fetchKernelModule, type WasmBuild } from './loader';
import { wasmPlanners } from './ops';
import type { Planner } from './ops/plan';
import type { SpawnThread } from './pool';

export interface WasmProviderOptions {
	/** The v128 build (else the scalar one, for engines without SIMD). */
	simd: boolean;
	/** Threads sharing each large product; above 1 needs SIMD and a crossOriginIsolated worker. */
	threads: number;
	/** The compiled build to use (tests hand it in); by default fetched from /wasm/ once per worker. */
	module?: WebAssembly.Module;
	/** Starts one helper thread; by default a module Worker running workers/wasm-thread.worker.ts. */
	spawnThread?: SpawnThread;
}

const spawnWebThread: SpawnThread = () => {
	const worker = new Worker(new URL('../../../../workers/wasm-thread.worker.ts', import.meta.url), { type: 'module', name: 'wasm-thread' });
	return {
		post: (start) => worker.postMessage(start),
		onReply: (listener) => {
			worker.onmessage = (e) => listener(e.data);
			worker.onerror = (e) => listener({ type: 'failed', message: e.message || 'the worker script failed to load' });
		},
		terminate: () => worker.terminate()
	};
};

export const wasmBuildFor = ({ simd, threads }: Pick<WasmProviderOptions, 'simd' | 'threads'>): WasmBuild =>
	threads > 1 ? 'threads' : simd ? 'simd' : 'scalar';

/**
 * The WebAssembly backend: AssemblyScript kernels compiled at build time, SIMD or scalar,
 * on one thread or a pool sharing one memory. prepare() copies the inputs in and plans
 * every kernel call; run() only computes; read() copies the output out.
 */
export async function createWasmProvider(options: WasmProviderOptions): Promise<KernelProvider> {
	const { simd, threads } = options;
	if (threads > 1 && !simd) throw new Error('The threaded WebAssembly kernels are built with SIMD only.');
	const module = options.module ?? (await fetchKernelModule(wasmBuildFor(options)));
	const ctx = await WasmContext.create(module, threads, options.spawnThread ?? spawnWebThread);
	const label = `WebAssembly ${simd ? 'SIMD' : 'scalar'}, ${threads} thread${threads > 1 ? 's' : ''}`;
	const gone = () => new Error(`${label}: the backend was shut down.`);

	return {
		backend: 'wasm',
		label,
		threads,
		supports: (op) => op in wasmPlanners,
		// A WebAssembly memory only grows: its size now is its peak.
		peakMemory: () => ({ kind: 'wasm', bytes: ctx.memory.buffer.byteLength }),
		async prepare<O extends OpName>(op: O, inputs: Tensor[], params: OpParams[O]): Promise<PreparedOp> {
			if (ctx.disposed) throw gone();
			const scope = ctx.scope();
			try {
				const resident = inputs.map((t) => ({ ptr: scope.alloc(t.data.length * 4), shape: t.shape }));
				const upload = (data: Float32Array[]) =>
					data.forEach((d, i) => {
						if (d.length !== sizeOf(resident[i].shape)) throw new Error(`${op}: input ${i} has ${d.length} values, expected ${sizeOf(resident[i].shape)}`);
						ctx.f32(resident[i].ptr, d.length).set(d);
					});
				upload(inputs.map((t) => t.data));
				const plan = (wasmPlanners[op] as Planner<O>)(ctx, scope, resident, params);
				const outputLength = sizeOf(plan.outputShape);
				return {
					outputShape: plan.outputShape,
					async run() {
						if (ctx.disposed) throw gone();
						plan.run();
						return { kernelMs: null };
					},
					async upload(data) {
						if (ctx.disposed) throw gone();
						upload(data);
					},
					async read() {
						if (ctx.disposed) throw gone();
						return ctx.f32(plan.output, outputLength).slice();
					},
					dispose: () => scope.free()
				};
			} catch (err) {
				scope.free();
				throw err;
			}
		},
		dispose: () => ctx.dispose()
	};
}
