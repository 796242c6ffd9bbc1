import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The closed division's models, by SHA-256 of the .onnx file: a closed-division entry must
 * measure one of them, so entries compare optimisations of the same model.
 *
 * NOTE for whoever deploys: the list is
 *   - `CLOSED_DIVISION_MODEL_SHA256`: comma-separated hex hashes (e.g. of models shipped by
 *     an earlier release that students may still have), plus
 *   - the hash of every `.onnx` file under `SHIPPED_MODELS_DIR` (default `build/client/models`,
 *     where adapter-node serves `static/models/` from), read once at first use — so the models
 *     this build ships are accepted without editing anything when they are regenerated.
 * With neither, no closed-division entry is accepted (the error says so).
 */
let cached: Set<string> | null = null;

function onnxFiles(dir: string): string[] {
	if (!existsSync(dir)) return [];
	return readdirSync(dir, { withFileTypes: true, recursive: true })
		.filter((e) => e.isFile() && e.name.endsWith('.onnx'))
		.map((e) => join(e.parentPath, e.name));
}

export function closedDivisionHashes(): Set<string> {
	if (cached) return cached;
	const fromEnv = (process.env.CLOSED_DIVISION_MODEL_SHA256 ?? '')
		.split(',')
		.map((h) => h.trim().toLowerCase())
		.filter((h) => /^[0-9a-f]{64}$/.test(h));
	const fromFiles = onnxFiles(process.env.SHIPPED_MODELS_DIR ?? join('build', 'client', 'models')).map((f) =>
		createHash('sha256').update(readFileSync(f)).digest('hex')
	);
	cached = new Set([...fromEnv, ...fromFiles]);
	return cached;
}
