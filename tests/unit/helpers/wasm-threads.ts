import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { rolldown } from 'rolldown';
import type { SpawnThread } from '$lib/kernels/wasm/pool';

/**
 * Helper threads for the pool in Node: the same src/lib/kernels/wasm/thread.ts the browser
 * worker runs, bundled to plain JS and started as worker_threads.
 */
export async function nodeThreadSpawner(): Promise<SpawnThread> {
	const bundle = await rolldown({ input: 'src/lib/kernels/wasm/thread.ts', logLevel: 'silent' });
	const { output } = await bundle.generate({ format: 'esm' });
	await bundle.close();
	const entry = join(mkdtempSync(join(tmpdir(), 'tito-wasm-thread-')), 'thread.mjs');
	const main = "import { parentPort } from 'node:worker_threads';\nparentPort.once('message', (m) => startThread(m, (r) => parentPort.postMessage(r)));\n";
	writeFileSync(entry, `${output[0].code}\n${main}`);
	return () => {
		const worker = new Worker(entry);
		return {
			post: (start) => worker.postMessage(start),
			onReply: (listener) => {
				worker.on('message', listener);
				worker.on('error', (err) => listener({ type: 'failed', message: err.message }));
			},
			terminate: () => void worker.terminate()
		};
	};
}
