import type { ComputeReport } from '$lib/schemas/compute';
import type { BackendId } from '$lib/schemas/result';

/**
 * The backends worth running on this device, fastest family first, each with the
 * reason when one is left out (shown in the result, never skipped silently).
 */
export function plannedBackends(report: ComputeReport): { run: BackendId[]; skipped: { backend: BackendId; reason: string }[] } {
	const run: BackendId[] = [];
	const skipped: { backend: BackendId; reason: string }[] = [];
	if (report.webgpu.available) run.push('webgpu');
	else skipped.push({ backend: 'webgpu', reason: report.webgpu.reason });
	const { wasm } = report;
	if (!wasm.available) {
		skipped.push({ backend: 'wasm-simd', reason: 'This browser has no WebAssembly.' });
	} else if (wasm.simd) {
		if (wasm.threads && report.crossOriginIsolated && report.hardwareConcurrency > 1) run.push('wasm-simd-threads');
		else
			skipped.push({
				backend: 'wasm-simd-threads',
				reason: !report.crossOriginIsolated
					? 'The page is not cross-origin isolated, so WebAssembly threads are off.'
					: report.hardwareConcurrency <= 1
						? 'This device reports one core.'
						: 'This browser has no WebAssembly threads.'
			});
		run.push('wasm-simd');
	} else {
		skipped.push({ backend: 'wasm-simd', reason: 'This browser has no WebAssembly SIMD: the scalar build runs instead.' });
		run.push('wasm-scalar');
	}
	run.push('js');
	return { run, skipped };
}
