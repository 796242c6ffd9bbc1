import type { KernelExports } from './exports';
import { kernelImports } from './thread';

/** The three builds of assembly/ (scripts/assets/10-wasm-kernels.mjs). */
export type WasmBuild = 'simd' | 'scalar' | 'threads';

/** Maximum pages of the shared memory: must equal SHARED_MAX_PAGES in the build script. */
export const SHARED_MAX_PAGES = 16384;
/** Private memories stop at 2 GiB, so every address is a positive int32 on the JS side. */
export const PRIVATE_MAX_PAGES = 32768;
const PAGE = 65536;

const modules = new Map<WasmBuild, Promise<WebAssembly.Module>>();

/** Fetches and compiles one build from the app's own origin, once per worker. */
export function fetchKernelModule(build: WasmBuild): Promise<WebAssembly.Module> {
	let pending = modules.get(build);
	if (!pending) {
		pending = compileFrom(`/wasm/kernels-${build}.wasm`);
		pending.catch(() => modules.delete(build));
		modules.set(build, pending);
	}
	return pending;
}

async function compileFrom(url: string): Promise<WebAssembly.Module> {
	let res: Response;
	try {
		res = await fetch(url);
	} catch {
		throw new Error(`The WebAssembly kernels (${url}) could not be downloaded. Check the connection and reload the page.`);
	}
	if (!res.ok) throw new Error(`The WebAssembly kernels (${url}) are missing from this server (HTTP ${res.status}); rebuild the app with npm run build.`);
	return WebAssembly.compile(await res.arrayBuffer());
}

export function createKernelMemory(shared: boolean): WebAssembly.Memory {
	return shared
		? new WebAssembly.Memory({ initial: 1, maximum: SHARED_MAX_PAGES, shared: true })
		: new WebAssembly.Memory({ initial: 1, maximum: PRIVATE_MAX_PAGES });
}

export const memoryLimitBytes = (shared: boolean) => (shared ? SHARED_MAX_PAGES : PRIVATE_MAX_PAGES) * PAGE;

export async function instantiateKernels(module: WebAssembly.Module, memory: WebAssembly.Memory): Promise<KernelExports> {
	const instance = await WebAssembly.instantiate(module, kernelImports(memory));
	return instance.exports as unknown as KernelExports;
}
