import { modelsManifestSchema, type ModelsManifest, type ShippedModel } from '$lib/schemas/models';
import { decodeDataset, type Dataset } from './dataset';

/**
 * The shipped models and eval sets, fetched from the app's own /models/ (kept out of the
 * service worker's precache, cached the first time they are used).
 */
async function fetchBytes(path: string): Promise<Uint8Array> {
	let res: Response;
	try {
		res = await fetch(path);
	} catch {
		throw new Error(`${path} could not be downloaded. Check the connection and reload; once loaded it works offline.`);
	}
	if (!res.ok) throw new Error(`${path} is missing from this server (HTTP ${res.status}).`);
	return new Uint8Array(await res.arrayBuffer());
}

let manifest: Promise<ModelsManifest> | null = null;

export function loadManifest(): Promise<ModelsManifest> {
	manifest ??= fetchBytes('/models/manifest.json').then((b) => {
		const parsed = modelsManifestSchema.safeParse(JSON.parse(new TextDecoder().decode(b)));
		if (!parsed.success) throw new Error('The list of shipped models (/models/manifest.json) is not valid: rebuild the app.');
		return parsed.data;
	});
	manifest.catch(() => (manifest = null));
	return manifest;
}

export interface LoadedShipped {
	entry: ShippedModel;
	bytes: Uint8Array;
	evalSet: Dataset;
}

/** A shipped model's bytes and eval set, both checked against the manifest's hashes. */
export async function loadShipped(id: string): Promise<LoadedShipped> {
	const m = await loadManifest();
	const entry = m.models.find((x) => x.id === id);
	if (!entry) throw new Error(`There is no shipped model "${id}".`);
	const set = m.datasets.find((d) => d.id === entry.eval_set)!;
	const [bytes, evalBytes] = await Promise.all([fetchBytes(`/models/${entry.file}`), fetchBytes(`/models/${set.file}`)]);
	if (bytes.length !== entry.bytes || evalBytes.length !== set.bytes) throw new Error(`${entry.file} or ${set.file} is not the file this app was built with: reload the page.`);
	return { entry, bytes, evalSet: decodeDataset(evalBytes) };
}
