import { describe, expect, it } from 'vitest';
import { detectWasmFeatures } from '$lib/compute/wasm-features';

describe('detectWasmFeatures', () => {
	// Node 20 (V8 11.3) has SIMD and threads, and relaxed SIMD only behind a flag: each probe
	// must tell the two apart. Chromium's answer (all three) is checked in the e2e tests.
	it('finds SIMD and threads, and no relaxed SIMD, in Node 20', () => {
		expect(detectWasmFeatures()).toEqual({ available: true, simd: true, relaxedSimd: false, threads: true });
	});
});
