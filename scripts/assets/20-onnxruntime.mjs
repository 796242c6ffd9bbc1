// Serves onnxruntime-web from the app's own origin (no CDN, works offline through the
// service worker): copies only the dist files the inference layer loads into static/ort/.
// The wasm files are tens of MB, so a file is copied only when it is missing or differs.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ORT_VERSION = '1.30.0';

/**
 * Which files each execution provider needs (see src/lib/inference/ort.ts):
 * - WASM EP: the CPU-only entry and its plain threaded SIMD runtime;
 * - WebGPU EP: the `onnxruntime-web/webgpu` entry, which since 1.23 runs the native WebGPU EP
 *   inside an Asyncify build (`.asyncify.{mjs,wasm}`), not the older JSEP build.
 */
export const ORT_FILES = [
	'ort.wasm.min.mjs',
	'ort-wasm-simd-threaded.mjs',
	'ort-wasm-simd-threaded.wasm',
	'ort.webgpu.min.mjs',
	'ort-wasm-simd-threaded.asyncify.mjs',
	'ort-wasm-simd-threaded.asyncify.wasm'
];

const root = fileURLToPath(new URL('../../', import.meta.url));
const out = join(root, 'static', 'ort');

function ortDist() {
	// The package exports no ./package.json; its main entry sits in dist/.
	const dist = dirname(createRequire(join(root, 'package.json')).resolve('onnxruntime-web'));
	const { version } = JSON.parse(readFileSync(join(dist, '..', 'package.json'), 'utf8'));
	if (version !== ORT_VERSION) {
		throw new Error(`onnxruntime-web ${version} is installed, the app expects ${ORT_VERSION}: run npm ci.`);
	}
	return dist;
}

/** Same size and not older than the source: the copy is current (byte comparison of 40 MB on every build is not worth it). */
function isCurrent(src, dest) {
	if (!existsSync(dest)) return false;
	const a = statSync(src);
	const b = statSync(dest);
	return a.size === b.size && b.mtimeMs >= a.mtimeMs;
}

export async function build() {
	const dist = ortDist();
	mkdirSync(out, { recursive: true });
	let copied = 0;
	for (const name of ORT_FILES) {
		const src = join(dist, name);
		const dest = join(out, name);
		if (isCurrent(src, dest)) continue;
		copyFileSync(src, dest);
		copied++;
	}
	// Files from an older layout would be served and cached for nothing.
	for (const name of readdirSync(out)) if (!ORT_FILES.includes(name)) rmSync(join(out, name));
	if (copied) console.log(`onnxruntime-web ${ORT_VERSION}: copied ${copied} of ${ORT_FILES.length} files to static/ort/`);
}
