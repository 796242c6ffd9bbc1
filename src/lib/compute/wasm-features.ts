// Feature detection by validating the smallest module that uses each feature:
// engines that lack the feature reject the bytes.

const header = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

/** (func (result v128) v128.const i32x4 0 0 0 0) */
const simdModule = [
	...header, 0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7b, 0x03, 0x02, 0x01, 0x00,
	0x0a, 0x16, 0x01, 0x14, 0x00, 0xfd, 0x0c, ...new Array(16).fill(0), 0x0b
];

/** (func (result v128) (i32x4.relaxed_trunc_f32x4_s (v128.const …))) */
const relaxedSimdModule = [
	...header, 0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7b, 0x03, 0x02, 0x01, 0x00,
	0x0a, 0x19, 0x01, 0x17, 0x00, 0xfd, 0x0c, ...new Array(16).fill(0), 0xfd, 0x81, 0x02, 0x0b
];

/** (memory 1 1 shared) (func (i32.atomic.load (i32.const 0)) drop) */
const threadsModule = [
	...header, 0x01, 0x04, 0x01, 0x60, 0x00, 0x00, 0x03, 0x02, 0x01, 0x00, 0x05, 0x04, 0x01, 0x03, 0x01, 0x01,
	0x0a, 0x0b, 0x01, 0x09, 0x00, 0x41, 0x00, 0xfe, 0x10, 0x02, 0x00, 0x1a, 0x0b
];

function validates(bytes: number[]): boolean {
	try {
		return WebAssembly.validate(new Uint8Array(bytes));
	} catch {
		return false;
	}
}

export interface WasmFeatures {
	available: boolean;
	simd: boolean;
	relaxedSimd: boolean;
	/** Shared memory and atomics validate; usable only when the page is crossOriginIsolated. */
	threads: boolean;
}

export function detectWasmFeatures(): WasmFeatures {
	if (typeof WebAssembly !== 'object') return { available: false, simd: false, relaxedSimd: false, threads: false };
	return {
		available: true,
		simd: validates(simdModule),
		relaxedSimd: validates(relaxedSimdModule),
		threads: validates(threadsModule) && typeof SharedArrayBuffer === 'function'
	};
}
