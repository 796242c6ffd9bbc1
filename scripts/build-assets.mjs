// Build-time assets the app serves itself (no runtime downloads): every module in
// scripts/assets/ exports `build()`; they run in name order before `vite build`.
import { existsSync, readdirSync } from 'node:fs';

const dir = new URL('./assets/', import.meta.url);
const names = existsSync(dir) ? readdirSync(dir) : [];
for (const name of names.filter((f) => f.endsWith('.mjs')).sort()) {
	const started = performance.now();
	const { build } = await import(new URL(name, dir).href);
	await build();
	console.log(`build-assets: ${name} (${Math.round(performance.now() - started)} ms)`);
}
