// A quick look at the WebAssembly matmul's speed in headless Chromium, without building
// the app: bundles the provider into a worker, serves it cross-origin isolated and prints
// GFLOP/s per size and thread count (median and best of warm runs, kernel only; median
// end to end: upload + run + read).
// Not a test and not the benchmark (`npm run bench` compares with onnxruntime-web).
//   node scripts/wasm-matmul-probe.mjs [sizes=128,256,512,1024] [threads=1,2]
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { rolldown } from 'rolldown';
import { build as buildKernels, outputFile } from './assets/10-wasm-kernels.mjs';

const root = fileURLToPath(new URL('../', import.meta.url));
const sizes = (process.argv[2] ?? '128,256,512,1024').split(',').map(Number);
const threadCounts = (process.argv[3] ?? '1,2').split(',').map(Number);

const probeWorker = `
import { createWasmProvider } from '${root}src/lib/kernels/wasm/provider.ts';
import { randn } from '${root}src/lib/kernels/random.ts';
const spawnThread = () => {
	const w = new Worker('/thread.js', { type: 'module' });
	return { post: (m) => w.postMessage(m), onReply: (f) => (w.onmessage = (e) => f(e.data)), terminate: () => w.terminate() };
};
const median = (xs) => xs.sort((a, b) => a - b)[xs.length >> 1];
self.onmessage = async ({ data: { sizes, threadCounts } }) => {
	const rows = [];
	for (const threads of threadCounts) {
		const module = await WebAssembly.compile(await (await fetch(threads > 1 ? '/wasm/kernels-threads.wasm' : '/wasm/kernels-simd.wasm')).arrayBuffer());
		const provider = await createWasmProvider({ simd: true, threads, module, spawnThread });
		for (const n of sizes) {
			const a = { shape: [n, n], data: randn(n * n, 1) };
			const b = { shape: [n, n], data: randn(n * n, 2) };
			const op = await provider.prepare('matmul', [a, b], {});
			const reps = Math.max(7, Math.min(200, Math.round(3e9 / (2 * n ** 3))));
			for (let i = 0; i < Math.max(3, reps / 4); i++) await op.run();
			const kernel = [], e2e = [];
			for (let i = 0; i < reps; i++) {
				let t = performance.now();
				await op.run();
				kernel.push(performance.now() - t);
				t = performance.now();
				await op.upload([a.data, b.data]);
				await op.run();
				await op.read();
				e2e.push(performance.now() - t);
			}
			op.dispose();
			const flop = 2 * n ** 3;
			rows.push({ n, threads, kernelMs: median(kernel), kernelGflops: flop / median(kernel) / 1e6, bestGflops: flop / Math.min(...kernel) / 1e6, e2eGflops: flop / median(e2e) / 1e6 });
		}
		provider.dispose();
	}
	self.postMessage(rows);
};`;

const page = `<!doctype html><script type="module">
const w = new Worker('/probe.js', { type: 'module' });
w.onmessage = (e) => (window.result = e.data);
w.onerror = (e) => (window.result = { error: e.message });
w.postMessage(${JSON.stringify({ sizes, threadCounts })});
</script>`;

async function bundle(code) {
	const dir = mkdtempSync(join(tmpdir(), 'wasm-probe-'));
	writeFileSync(join(dir, 'entry.ts'), code);
	const b = await rolldown({ input: join(dir, 'entry.ts'), logLevel: 'silent', resolve: { alias: { $lib: `${root}src/lib` } } });
	const { output } = await b.generate({ format: 'esm' });
	await b.close();
	return output[0].code;
}

await buildKernels();
const files = {
	'/': ['text/html', page],
	'/probe.js': ['text/javascript', await bundle(probeWorker)],
	'/thread.js': ['text/javascript', await bundle(readFileSync(`${root}workers/wasm-thread.worker.ts`, 'utf8').replace('$lib/', `${root}src/lib/`))],
	'/wasm/kernels-simd.wasm': ['application/wasm', readFileSync(outputFile('simd'))],
	'/wasm/kernels-threads.wasm': ['application/wasm', readFileSync(outputFile('threads'))]
};
const server = createServer((req, res) => {
	const file = files[req.url ?? '/'];
	res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
	res.setHeader('Cross-Origin-Embedder-Policy', 'require-corp');
	if (!file) return res.writeHead(404).end();
	res.writeHead(200, { 'Content-Type': file[0] }).end(file[1]);
}).listen(0, '127.0.0.1');
await new Promise((r) => server.once('listening', r));
const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
	const tab = await browser.newPage();
	await tab.goto(`http://127.0.0.1:${port}/`);
	const rows = await tab.waitForFunction(() => /** @type {any} */ (window).result, null, { timeout: 600_000 }).then((h) => h.jsonValue());
	if (rows.error) throw new Error(rows.error);
	console.log('| n | threads | kernel ms (median) | kernel GFLOP/s (median) | kernel GFLOP/s (best) | end-to-end GFLOP/s (median) |\n|---|---|---|---|---|---|');
	for (const r of rows) console.log(`| ${r.n} | ${r.threads} | ${r.kernelMs.toFixed(2)} | ${r.kernelGflops.toFixed(1)} | ${r.bestGflops.toFixed(1)} | ${r.e2eGflops.toFixed(1)} |`);
} finally {
	await browser.close();
	server.close();
}
