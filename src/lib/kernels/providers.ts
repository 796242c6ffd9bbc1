import type { BackendId } from '$lib/schemas/result';
import { createJsProvider } from './js/provider';
import type { KernelProvider } from './types';
import { createWasmBackend } from './wasm/backend';
import { createWebgpuProvider } from './webgpu/provider';

export type ProviderResult = { provider: KernelProvider } | { unavailable: string };

/**
 * Creates the kernel provider for one backend of a result row, or says in plain words
 * why it cannot run here. Each backend family lives in its own folder.
 */
export async function createProvider(backend: BackendId): Promise<ProviderResult> {
	switch (backend) {
		case 'webgpu':
			return createWebgpuProvider();
		case 'js':
			return { provider: createJsProvider() };
		case 'wasm-simd':
		case 'wasm-scalar':
		case 'wasm-simd-threads':
			return createWasmBackend(backend);
		default:
			return { unavailable: `The ${backend} kernels are not built yet.` };
	}
}
