import { BASELINE_MODEL } from '$lib/capstone/entries';
import { enginesFor, type EnginePlan } from '$lib/inference/engines';
import { shippedModelReport } from '$lib/inference/shipped-report';
import { loadManifest } from '$lib/models/shipped';
import type { ModelReport } from '$lib/schemas/capstone';
import type { ComputeReport } from '$lib/schemas/compute';

/** Images of the eval set the baseline's model sees: enough for a stable accuracy, quick on any device. */
const EVAL_IMAGES = 200;

/** The engines of the baseline's model step: onnxruntime-web's WASM EP, and its WebGPU EP where there is WebGPU. */
export function baselineModelEngines(compute: ComputeReport): EnginePlan[] {
	return enginesFor(compute).filter((e) => e.kind === 'ort' && (e.ep === 'wasm' || compute.webgpu.available));
}

/** TinyTorch's "hello world" of exported models: the shipped tiny MLP through onnxruntime-web. */
export async function baselineModel(compute: ComputeReport, signal: AbortSignal, onEngine: (plan: EnginePlan, index: number) => void): Promise<ModelReport> {
	const manifest = await loadManifest();
	const entry = manifest.models.find((m) => m.id === BASELINE_MODEL);
	if (!entry) throw new Error(`The shipped model ${BASELINE_MODEL} is missing from this build.`);
	return shippedModelReport(entry, baselineModelEngines(compute), { evalImages: EVAL_IMAGES, timing: 'test', signal, onEngine });
}
