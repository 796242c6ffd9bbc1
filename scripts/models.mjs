// `npm run models`: rebuilds the shipped models and eval sets in static/models/ from the
// seeded generators and the TypeScript training loop in src/lib/models/ (about two minutes
// on one core). The same sources give the same bytes; `--check` rebuilds into memory and
// says whether the committed files are exactly what the sources produce.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { rolldown } from 'rolldown';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = new URL('../static/models/', import.meta.url);
const check = process.argv.includes('--check');

// The recipe is TypeScript: bundled to one ES module first (onnx-proto is CommonJS, which the
// bundler turns into the named export the sources import).
async function loadRecipe() {
	const bundle = await rolldown({
		input: `${root}src/lib/models/build.ts`,
		platform: 'node',
		logLevel: 'silent',
		resolve: { alias: { $lib: `${root}src/lib` } }
	});
	const { output } = await bundle.generate({ format: 'esm' });
	await bundle.close();
	const file = join(mkdtempSync(join(tmpdir(), 'tito-models-')), 'build.mjs');
	writeFileSync(file, output[0].code);
	return import(pathToFileURL(file).href);
}
const module = await loadRecipe();
const started = performance.now();
const { files, manifest } = await module.buildShippedModels({ log: (line) => console.log(line) });

if (check) {
	const differ = [...files].filter(([name, bytes]) => {
		const path = new URL(name, out);
		return !existsSync(path) || !Buffer.from(bytes).equals(readFileSync(path));
	});
	for (const [name] of differ) console.error(`differs from the sources: static/models/${name}`);
	console.log(differ.length ? `${differ.length} file(s) differ.` : `All ${files.size} files in static/models/ are exactly what the sources build.`);
	process.exit(differ.length ? 1 : 0);
}
mkdirSync(out, { recursive: true });
for (const [name, bytes] of files) writeFileSync(new URL(name, out), bytes);
for (const m of manifest.models) console.log(`${m.file}: ${m.bytes} bytes, ${m.parameter_count} parameters, eval accuracy ${(100 * m.accuracy).toFixed(1)} %`);
console.log(`static/models/: ${files.size} files in ${Math.round((performance.now() - started) / 1000)} s`);
