// Compiles the WebAssembly kernels (AssemblyScript, src/lib/kernels/wasm/assembly/) into
// static/wasm/, served by the app itself. Three builds of one source:
// - simd:    v128 micro-kernels, private memory;
// - scalar:  no v128 at all, for engines that fail SIMD validation;
// - threads: the SIMD build on an imported shared memory, for the worker pool.
// Skipped when every output is newer than every source.
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import asc from 'assemblyscript/asc';

const root = fileURLToPath(new URL('../../', import.meta.url));
const sourceDir = `${root}src/lib/kernels/wasm/assembly/`;
const outDir = `${root}static/wasm/`;

/** Pages (64 KiB) the shared memory may grow to; the JS side creates it with the same maximum. */
export const SHARED_MAX_PAGES = 16384;

const common = ['--runtime', 'stub', '--noAssert', '-O3', '--importMemory'];
export const builds = {
	simd: ['--enable', 'simd'],
	scalar: [],
	threads: ['--enable', 'simd,threads', '--sharedMemory', '--initialMemory', '1', '--maximumMemory', String(SHARED_MAX_PAGES)]
};

/** @param {string} name */
export const outputFile = (name) => `${outDir}kernels-${name}.wasm`;

/** @param {string} file */
const mtime = (file) => {
	try {
		return statSync(file).mtimeMs;
	} catch {
		return -Infinity;
	}
};

function upToDate() {
	const inputs = [fileURLToPath(import.meta.url), ...readdirSync(sourceDir).map((f) => sourceDir + f)];
	const newestInput = Math.max(...inputs.map(mtime));
	return Object.keys(builds).every((name) => mtime(outputFile(name)) > newestInput);
}

export async function build({ force = false } = {}) {
	if (!force && upToDate()) return;
	mkdirSync(outDir, { recursive: true });
	for (const [name, flags] of Object.entries(builds)) {
		let log = '';
		const sink = { write: (/** @type {string} */ chunk) => ((log += chunk), true) };
		const { error } = await asc.main([`${sourceDir}index.ts`, '-o', outputFile(name), ...common, ...flags], { stdout: sink, stderr: sink });
		if (error) throw new Error(`AssemblyScript could not compile the ${name} kernels: ${error.message}\n${log}`);
	}
}
