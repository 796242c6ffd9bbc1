import { detectWasmFeatures } from '$lib/compute/wasm-features';
import type { ProviderResult } from '../providers';
import { createWasmProvider } from './provider';
import { MAX_THREADS } from './thread';

export type WasmBackendId = 'wasm-simd' | 'wasm-scalar' | 'wasm-simd-threads';

/** Why a WebAssembly backend cannot run in this worker, in words, or null when it can. */
export function wasmUnavailable(backend: WasmBackendId): string | null {
	const features = detectWasmFeatures();
	if (!features.available) return 'This browser has no WebAssembly.';
	if (backend === 'wasm-scalar') return null;
	if (!features.simd) return 'This browser has no WebAssembly SIMD; the scalar build (wasm-scalar) runs instead.';
	if (backend === 'wasm-simd') return null;
	if (!globalThis.crossOriginIsolated) return 'The page is not cross-origin isolated, so WebAssembly threads are off.';
	if (!features.threads) return 'This browser has no WebAssembly threads.';
	if ((navigator.hardwareConcurrency ?? 1) <= 1) return 'This device reports one core, so there is no second thread to share the work.';
	return null;
}

export async function createWasmBackend(backend: WasmBackendId): Promise<ProviderResult> {
	const reason = wasmUnavailable(backend);
	if (reason) return { unavailable: reason };
	const threads = backend === 'wasm-simd-threads' ? Math.min(navigator.hardwareConcurrency, MAX_THREADS) : 1;
	try {
		return { provider: await createWasmProvider({ simd: backend !== 'wasm-scalar', threads }) };
	} catch (err) {
		return { unavailable: err instanceof Error ? err.message : String(err) };
	}
}
