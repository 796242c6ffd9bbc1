/** The one tensor type every backend shares: a shape and row-major float32 data. */
export interface Tensor {
	shape: number[];
	data: Float32Array;
}

/** A reference result: the same layout, computed in float64. */
export interface RefTensor {
	shape: number[];
	data: Float64Array;
}

/**
 * Every op and its parameters. Input layouts (row-major):
 * - add, mul: a[...], b[same shape]; relu, gelu (tanh approximation): x[...]
 * - sum: x[...] -> [1] (sum of all elements, as NumPy's `np.sum(a)`)
 * - softmax: x[..., D] over the last axis; layernorm: x[..., D], gamma[D], beta[D]
 * - matmul: a[M,K], b[K,N] -> [M,N]; matmulBT: a[M,K], b[N,K] -> a·bᵀ [M,N]
 * - conv2d: x[N,C,H,W], w[OC,C,KH,KW], bias[OC] -> [N,OC,OH,OW]
 * - maxpool2d: x[N,C,H,W] -> [N,C,OH,OW]
 * - attention: q[BH,S,D], k[BH,S,D], v[BH,S,D] -> softmax(q·kᵀ/√D [+ causal mask])·v [BH,S,D]
 * - mlp (TinyTorch's baseline net): x[B,784], w1[784,H], b1[H], w2[H,O], b2[O] -> relu(x·w1+b1)·w2+b2 [B,O]
 * - cnn (the reference CNN): x[B,3,32,32], cw1[32,3,3,3], cb1[32], cw2[64,32,3,3], cb2[64],
 *   fw1[4096,128], fb1[128], fw2[128,10], fb2[10]: conv(pad 1)+relu, pool 2, conv(pad 1)+relu,
 *   pool 2, flatten, fc+relu, fc -> [B,10]
 */
export interface OpParams {
	add: Record<string, never>;
	mul: Record<string, never>;
	relu: Record<string, never>;
	gelu: Record<string, never>;
	sum: Record<string, never>;
	softmax: Record<string, never>;
	layernorm: { eps: number };
	matmul: Record<string, never>;
	matmulBT: Record<string, never>;
	conv2d: { stride: number; padding: number };
	maxpool2d: { kernel: number; stride: number };
	attention: { causal: boolean };
	mlp: Record<string, never>;
	cnn: Record<string, never>;
}

export type OpName = keyof OpParams;

export const OP_NAMES: OpName[] = [
	'add', 'mul', 'relu', 'gelu', 'sum', 'softmax', 'layernorm', 'matmul', 'matmulBT',
	'conv2d', 'maxpool2d', 'attention', 'mlp', 'cnn'
];

/** Kernel backends. `js` is plain JavaScript loops, shown for perspective. */
export type KernelBackend = 'webgpu' | 'wasm' | 'js';

/**
 * An op made ready for given input shapes: buffers allocated, pipelines compiled,
 * inputs uploaded. Benchmarks call run() repeatedly; end-to-end timing is
 * upload() + run() + read().
 */
export interface PreparedOp {
	readonly outputShape: number[];
	/** Runs on the resident inputs; resolves when the work is complete. kernelMs: GPU-measured time, when the backend has it. */
	run(): Promise<{ kernelMs: number | null }>;
	/** Replaces the inputs' data (same shapes). */
	upload(inputs: Float32Array[]): Promise<void>;
	/** Copies the output out. */
	read(): Promise<Float32Array>;
	dispose(): void;
}

/** A chain of ops over named values: what a model graph is, once planned for fixed shapes. */
export interface OpChain {
	input: { name: string; shape: number[] };
	output: { name: string; shape: number[] };
	steps: (
		| { kind: 'kernel'; op: OpName; params: OpParams[OpName]; inputs: { shape: number[]; from: { value: string } | { constant: Float32Array } }[]; output: string }
		| { kind: 'view'; input: string; output: string; shape: number[] }
	)[];
}

/** Which clock a GPU kernel time came from: `timestamp-query`, or wall time to `onSubmittedWorkDone`. */
export type GpuTimerKind = 'gpu-timestamp' | 'gpu-submitted-work';

/** What each backend provides: prepare an op for given inputs. */
export interface KernelProvider {
	readonly backend: KernelBackend;
	/** A label for results, e.g. "WASM SIMD, 2 threads". */
	readonly label: string;
	/** CPU threads the kernels use (1 when absent; GPU backends leave it out). */
	readonly threads?: number;
	/** GPU backends: the clock behind `run()`'s kernelMs, to pass to the bench's `measure()`. */
	readonly gpuTimer?: GpuTimerKind;
	supports(op: OpName): boolean;
	/** The most memory the kernels held so far: GPU buffers (webgpu) or the WebAssembly memory (wasm). */
	peakMemory?(): { kind: 'gpu' | 'wasm'; bytes: number };
	prepare<O extends OpName>(op: O, inputs: Tensor[], params: OpParams[O]): Promise<PreparedOp>;
	/**
	 * Backends that can keep data on the device between ops: the whole chain as one prepared
	 * op (upload its one input, run every step, read its output), with no copies in between.
	 */
	prepareChain?(chain: OpChain): Promise<PreparedOp>;
	/** Frees everything; afterwards prepare() rejects with a clear message (as after a lost GPU device). */
	dispose(): void;
}
