import { sizeOf } from '$lib/kernels/random';
import type { KernelProvider, PreparedOp } from '$lib/kernels/types';
import type { GraphPlan, KernelStep } from './plan';

/**
 * Runs a planned graph on one kernel provider. Every kernel is prepared once (weights
 * uploaded, pipelines compiled). A provider that can chain ops on its device (WebGPU) runs
 * the graph as one op: the input goes up, the output comes back, nothing in between. The
 * others (WASM) upload the computed inputs of each step and bring each output back to
 * JavaScript, so their latency includes those copies.
 */
export interface PreparedGraph {
	readonly plan: GraphPlan;
	run(input: Float32Array): Promise<Float32Array>;
	dispose(): void;
}

interface Prepared {
	step: KernelStep;
	op: PreparedOp;
	/** The inputs uploaded on every run: up to the last computed one, constants in between. */
	uploads: number;
}

const checkInput = (plan: GraphPlan, input: Float32Array) => {
	if (input.length !== sizeOf(plan.input.shape)) throw new Error(`The input has ${input.length} values; the graph was prepared for [${plan.input.shape}].`);
};

export async function prepareGraph(provider: KernelProvider, plan: GraphPlan): Promise<PreparedGraph> {
	if (provider.prepareChain) {
		const op = await provider.prepareChain(plan);
		return {
			plan,
			async run(input) {
				checkInput(plan, input);
				await op.upload([input]);
				await op.run();
				return op.read();
			},
			dispose: () => op.dispose()
		};
	}
	const prepared: Prepared[] = [];
	try {
		for (const step of plan.steps) {
			if (step.kind !== 'kernel') continue;
			if (!provider.supports(step.op)) throw new Error(`${provider.label} has no ${step.op} kernel.`);
			const tensors = step.inputs.map((i) => ({ shape: i.shape, data: 'constant' in i.from ? i.from.constant : new Float32Array(sizeOf(i.shape)) }));
			const op = await provider.prepare(step.op, tensors, step.params);
			prepared.push({ step, op, uploads: step.inputs.findLastIndex((i) => 'value' in i.from) + 1 });
		}
	} catch (err) {
		prepared.forEach((p) => p.op.dispose());
		throw err;
	}
	const byStep = new Map(prepared.map((p) => [p.step, p]));
	return {
		plan,
		async run(input) {
			checkInput(plan, input);
			const values = new Map<string, Float32Array>([[plan.input.name, input]]);
			for (const step of plan.steps) {
				if (step.kind === 'view') {
					values.set(step.output, values.get(step.input)!);
					continue;
				}
				const { op, uploads } = byStep.get(step)!;
				const data = step.inputs.slice(0, uploads).map((i) => ('value' in i.from ? values.get(i.from.value)! : i.from.constant));
				if (uploads) await op.upload(data);
				await op.run();
				values.set(step.output, await op.read());
			}
			return values.get(plan.output.name)!;
		},
		dispose: () => prepared.forEach((p) => p.op.dispose())
	};
}
