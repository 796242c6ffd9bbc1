/// <reference lib="webworker" />
import { detectCompute } from '$lib/compute/detect';
import { kernelCases } from '$lib/kernels/cases';
import { createProvider } from '$lib/kernels/providers';
import { runCase } from '$lib/kernels/selftest';
import { baselineWorkloads } from '$lib/bench/suites/baseline';
import { runWorkload } from '$lib/bench/workload';
import { runCapstoneKernels } from '$lib/bench/capstone-kernels';
import { matmulInputs, timeMatmulSizes } from '$lib/bench/perf/matmul-timing';
import { ownMatmul } from '$lib/bench/perf/own-matmul';
import { matmulPlain } from '$lib/kernels/matmul/ref';
import type { BenchRequest, BenchResponse } from '$lib/workers/protocol';

const post = (res: BenchResponse, transfer: Transferable[] = []) => self.postMessage(res, transfer);

async function selftest(req: Extract<BenchRequest, { type: 'selftest' }>) {
	const created = await createProvider(req.backend);
	if ('unavailable' in created) {
		post({ type: 'selftest-done', id: req.id, backend: req.backend, label: null, unavailable: created.unavailable });
		return;
	}
	const { provider } = created;
	try {
		for (const c of kernelCases) post({ type: 'selftest-case', id: req.id, outcome: await runCase(provider, c) });
	} finally {
		provider.dispose();
	}
	post({ type: 'selftest-done', id: req.id, backend: req.backend, label: provider.label, unavailable: null });
}

async function runWorkloads(req: Extract<BenchRequest, { type: 'run-workloads' }>) {
	const created = await createProvider(req.backend);
	if ('unavailable' in created) {
		post({ type: 'workloads-done', id: req.id, backend: req.backend, label: null, unavailable: created.unavailable });
		return;
	}
	const { provider } = created;
	try {
		for (const [i, spec] of baselineWorkloads.entries()) {
			post({ type: 'workload-start', id: req.id, workload: spec.workload });
			post({ type: 'workload-done', id: req.id, result: await runWorkload(provider, req.backend, spec, { budgetMs: req.budgetMs }) });
			// Test hook: the device goes away mid-run, as a GPU reset or driver crash would do it.
			if (req.fault === 'lose-backend' && i === 0) provider.dispose();
		}
	} finally {
		provider.dispose();
	}
	post({ type: 'workloads-done', id: req.id, backend: req.backend, label: provider.label, unavailable: null });
}

async function matmulTiming(req: Extract<BenchRequest, { type: 'matmul-timing' }>) {
	const created = await createProvider(req.backend);
	if ('unavailable' in created) {
		post({ type: 'matmul-timing-done', id: req.id, backend: req.backend, label: null, threads: null, unavailable: created.unavailable });
		return;
	}
	const { provider } = created;
	const threads = provider.backend === 'webgpu' ? null : (provider.threads ?? 1);
	post({ type: 'matmul-timing-start', id: req.id, backend: req.backend, label: provider.label, threads });
	try {
		await timeMatmulSizes(ownMatmul(provider), req.sizes, { budgetMs: req.budgetMs }, (row, transfer) =>
			post({ type: 'matmul-timing-row', id: req.id, ...row }, transfer)
		);
	} finally {
		provider.dispose();
	}
	post({ type: 'matmul-timing-done', id: req.id, backend: req.backend, label: provider.label, threads, unavailable: null });
}

function matmulReference(req: Extract<BenchRequest, { type: 'matmul-reference' }>) {
	const { a, b } = matmulInputs(req.size);
	const data = matmulPlain(a, b, req.size, req.size, req.size);
	post({ type: 'matmul-reference-done', id: req.id, size: req.size, data }, [data.buffer]);
}

async function capstoneKernels(req: Extract<BenchRequest, { type: 'capstone-kernels' }>) {
	const done = { type: 'capstone-kernels-done', id: req.id, backend: req.backend } as const;
	const created = await createProvider(req.backend);
	if ('unavailable' in created) {
		post({ ...done, label: null, unavailable: created.unavailable, notes: [], memory: null });
		return;
	}
	const { provider } = created;
	try {
		const notes = await runCapstoneKernels(provider, req.backend, req.length, {
			start: (workload) => post({ type: 'workload-start', id: req.id, workload }),
			done: (result) => post({ type: 'workload-done', id: req.id, result })
		});
		post({ ...done, label: provider.label, unavailable: null, notes, memory: provider.peakMemory?.() ?? null });
	} finally {
		provider.dispose();
	}
}

/** A model on our kernels (its code loads on first use). */
async function modelBench(req: Extract<BenchRequest, { type: 'model-bench' }>) {
	const done = { type: 'model-bench-done', id: req.id, backend: req.backend } as const;
	const created = await createProvider(req.backend);
	if ('unavailable' in created) {
		post({ ...done, label: null, threads: null, unavailable: created.unavailable, timing: null });
		return;
	}
	const { provider } = created;
	const threads = provider.backend === 'webgpu' ? null : (provider.threads ?? 1);
	try {
		const { benchOwnModel } = await import('$lib/inference/own/bench-own');
		const got = await benchOwnModel(provider, req.model, req.spec);
		if ('unavailable' in got) post({ ...done, label: provider.label, threads, unavailable: got.unavailable, timing: null });
		else post({ ...done, label: provider.label, threads, unavailable: null, timing: got.timing }, [got.timing.outputs.buffer]);
	} finally {
		provider.dispose();
	}
}

self.onmessage = async (e: MessageEvent<BenchRequest>) => {
	const req = e.data;
	try {
		switch (req.type) {
			case 'detect':
				post({ type: 'detected', id: req.id, report: await detectCompute() });
				break;
			case 'selftest':
				await selftest(req);
				break;
			case 'run-workloads':
				await runWorkloads(req);
				break;
			case 'matmul-timing':
				await matmulTiming(req);
				break;
			case 'matmul-reference':
				matmulReference(req);
				break;
			case 'model-bench':
				await modelBench(req);
				break;
			case 'capstone-kernels':
				await capstoneKernels(req);
				break;
		}
	} catch (err) {
		post({ type: 'error', id: req.id, message: err instanceof Error ? err.message : String(err) });
	}
};
