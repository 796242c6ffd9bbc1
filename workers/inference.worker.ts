/// <reference lib="webworker" />
import { timeMatmulSizes } from '$lib/bench/perf/matmul-timing';
import { benchModel } from '$lib/inference/model-bench';
import { ortMatmul } from '$lib/inference/ort-matmul';
import { openOrtModel } from '$lib/inference/ort-model';
import { loadOrt, ortUnavailable, type CreatedSession, type OrtRuntime } from '$lib/inference/ort';
import type { InferenceRequest, InferenceResponse } from '$lib/workers/protocol';

const post = (res: InferenceResponse, transfer: Transferable[] = []) => self.postMessage(res, transfer);

let runtime: OrtRuntime | null = null;

function loadedRuntime(): OrtRuntime {
	if (!runtime) throw new Error('onnxruntime-web is not loaded in this worker yet: send a load request first.');
	return runtime;
}

async function load(req: Extract<InferenceRequest, { type: 'load' }>) {
	const unavailable = await ortUnavailable(req.ep, req.numThreads);
	if (unavailable) {
		post({ type: 'loaded', id: req.id, ep: req.ep, numThreads: req.numThreads, version: null, unavailable });
		return;
	}
	runtime = await loadOrt(req.ep, req.numThreads);
	post({ type: 'loaded', id: req.id, ep: req.ep, numThreads: req.numThreads, version: runtime.version, unavailable: null });
}

async function matmulTiming(req: Extract<InferenceRequest, { type: 'matmul-timing' }>) {
	await timeMatmulSizes(ortMatmul(loadedRuntime()), req.sizes, { budgetMs: req.budgetMs }, (row, transfer) =>
		post({ type: 'matmul-timing-row', id: req.id, ...row }, transfer)
	);
	post({ type: 'matmul-timing-done', id: req.id });
}

async function modelBench(req: Extract<InferenceRequest, { type: 'model-bench' }>) {
	const rt = loadedRuntime();
	let created: CreatedSession | null = null;
	const timing = await benchModel(async () => {
		const opened = await openOrtModel(rt, req.model, req.eps, req.spec);
		created = opened.created;
		return opened.runner;
	}, req.spec);
	const { ep, fellBack } = created!;
	post({ type: 'model-bench-done', id: req.id, ep, fellBack, timing }, [timing.outputs.buffer]);
}

self.onmessage = async (e: MessageEvent<InferenceRequest>) => {
	const req = e.data;
	try {
		switch (req.type) {
			case 'load':
				await load(req);
				break;
			case 'matmul-timing':
				await matmulTiming(req);
				break;
			case 'model-bench':
				await modelBench(req);
				break;
		}
	} catch (err) {
		post({ type: 'error', id: req.id, message: err instanceof Error ? err.message : String(err) });
	}
};
