// The kernels module. Every export works on byte offsets into linear memory that the JS
// side allocates (src/lib/kernels/wasm/arena.ts); no AssemblyScript heap is used, so the
// same code runs on a private memory or on one shared by a pool of threads.
export { add, biasCols, biasRows, gelu, mul, relu } from './elementwise';
export { layernormRows, softmaxRows, sum } from './reduce';
export { matmulBTRows, matmulPacked, matmulRows, packB, packBT, packedABytes } from './matmul';
export { im2colPack, maxpool2d } from './conv';
export { attentionHeads, attentionScratchBytes } from './attention';

/** First byte past the module's static data: the JS allocator starts above it. */
export function heapBase(): usize {
	return __heap_base;
}
