import type * as Ort from 'onnxruntime-web';
import { detectWebgpu } from '$lib/compute/detect';

/**
 * onnxruntime-web, loaded at run time from the app's own /ort/ (copied there at build time
 * by scripts/assets/20-onnxruntime.mjs), never bundled and never from a CDN.
 */
export type OrtModule = typeof Ort;
export type OrtSession = Ort.InferenceSession;

/** The execution providers the app uses. */
export type OrtEp = 'wasm' | 'webgpu';

export const ORT_VERSION = '1.30.0';

/**
 * One entry per EP: the CPU-only build for the WASM EP (its plain threaded runtime is the
 * fastest CPU path), and `onnxruntime-web/webgpu` — the native WebGPU EP in an Asyncify
 * build, which can also fall back to its own CPU EP.
 */
const ENTRY: Record<OrtEp, string> = { wasm: 'ort.wasm.min.mjs', webgpu: 'ort.webgpu.min.mjs' };

/** The ORT instance of this worker and the settings it was loaded with. */
export interface OrtRuntime {
	ort: OrtModule;
	ep: OrtEp;
	/** The WASM threads it uses (onnxruntime reads `numThreads` once, when it first starts). */
	numThreads: number;
	version: string;
}

let loaded: Promise<OrtRuntime> | null = null;
let loadedWith: { ep: OrtEp; numThreads: number } | null = null;

/** Why onnxruntime-web cannot run with these settings here, in words a student can act on; null when it can. */
export async function ortUnavailable(ep: OrtEp, numThreads: number): Promise<string | null> {
	if (typeof WebAssembly !== 'object') return 'This browser has no WebAssembly, which onnxruntime-web needs.';
	if (numThreads > 1 && !globalThis.crossOriginIsolated) {
		return 'This page is not cross-origin isolated, so onnxruntime-web cannot use more than one thread. Open the app from its own server (npm start), not from a file or a proxy that drops its headers.';
	}
	if (ep === 'webgpu') {
		const gpu = await detectWebgpu();
		if (!gpu.available) return gpu.reason;
	}
	return null;
}

/**
 * Loads the ORT build for `ep` into this worker once. numThreads is fixed for the life of
 * the instance, so asking again with other settings is refused: use another worker.
 */
export function loadOrt(ep: OrtEp, numThreads: number): Promise<OrtRuntime> {
	if (loadedWith && (loadedWith.ep !== ep || loadedWith.numThreads !== numThreads)) {
		const was = loadedWith;
		return Promise.reject(
			new Error(
				`This worker already runs onnxruntime-web for the ${was.ep} EP with ${was.numThreads} thread(s); start another worker for the ${ep} EP with ${numThreads}.`
			)
		);
	}
	loadedWith = { ep, numThreads };
	loaded ??= (async () => {
		const base = new URL('/ort/', self.location.origin).href;
		let ort: OrtModule;
		try {
			ort = await import(/* @vite-ignore */ base + ENTRY[ep]);
		} catch (err) {
			throw new Error(`onnxruntime-web could not be loaded from ${base} (${(err as Error).message}). Reload the page; if it persists, rebuild the app (npm run build).`);
		}
		ort.env.wasm.wasmPaths = base;
		// Its default on a 2-core machine is 1 even when threads work: always say how many.
		ort.env.wasm.numThreads = numThreads;
		ort.env.wasm.proxy = false;
		ort.env.logLevel = 'error';
		return { ort, ep, numThreads, version: ort.env.versions.web ?? ORT_VERSION };
	})();
	return loaded;
}

export interface CreatedSession {
	session: OrtSession;
	/** The EP the session was created with: the first of those asked for that worked here. */
	ep: OrtEp;
	/** Why each EP before it could not be used. */
	fellBack: { ep: OrtEp; reason: string }[];
}

/**
 * Creates a session from model bytes, trying each EP in order with that EP alone, so the
 * EP it runs on is known rather than guessed. (ONNX Runtime may still place single nodes
 * an EP lacks on its CPU EP; the MatMul models here have none.)
 */
export async function createSession(rt: OrtRuntime, model: Uint8Array, eps: OrtEp[] = [rt.ep]): Promise<CreatedSession> {
	const fellBack: CreatedSession['fellBack'] = [];
	for (const ep of eps) {
		if (ep === 'webgpu' && rt.ep !== 'webgpu') {
			fellBack.push({ ep, reason: 'this worker loaded the CPU-only build of onnxruntime-web' });
			continue;
		}
		try {
			const session = await rt.ort.InferenceSession.create(model, { executionProviders: [ep], graphOptimizationLevel: 'all' });
			return { session, ep, fellBack };
		} catch (err) {
			fellBack.push({ ep, reason: (err as Error).message });
		}
	}
	const reasons = fellBack.map((f) => `${f.ep}: ${f.reason}`).join('; ');
	throw new Error(`onnxruntime-web could not create a session on any execution provider (${reasons}).`);
}
