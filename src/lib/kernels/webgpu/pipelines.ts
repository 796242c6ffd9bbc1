/** Override constants of one pipeline (workgroup sizes, tile sizes, flags). */
export type PipelineConstants = Record<string, number>;

/** A shader: a key naming it once, and its WGSL (one or more `?raw` files joined). */
export interface ShaderSource {
	key: string;
	code: string;
}

/** Joins WGSL files into one module: the tiny, explicit "preprocessor" (shared helpers first). */
export function shader(key: string, ...parts: string[]): ShaderSource {
	return { key, code: parts.join('\n') };
}

/** The cache key of a pipeline: shader, entry point and its constants, in a fixed order. */
export function pipelineKey(shaderKey: string, entryPoint: string, constants: PipelineConstants = {}): string {
	const names = Object.keys(constants).sort();
	return `${shaderKey}#${entryPoint}(${names.map((n) => `${n}=${constants[n]}`).join(',')})`;
}

/**
 * Compiled pipelines, each built once per key and shared by every op that needs it,
 * so preparing the same op again costs no shader compile.
 */
export class PipelineCache {
	#device: GPUDevice;
	#modules = new Map<string, GPUShaderModule>();
	#pipelines = new Map<string, Promise<GPUComputePipeline>>();

	constructor(device: GPUDevice) {
		this.#device = device;
	}

	get size() {
		return this.#pipelines.size;
	}

	get(source: ShaderSource, entryPoint = 'main', constants: PipelineConstants = {}): Promise<GPUComputePipeline> {
		const key = pipelineKey(source.key, entryPoint, constants);
		let pipeline = this.#pipelines.get(key);
		if (!pipeline) {
			pipeline = this.#device
				.createComputePipelineAsync({ label: key, layout: 'auto', compute: { module: this.#module(source), entryPoint, constants } })
				.catch((err: Error) => {
					this.#pipelines.delete(key);
					throw new Error(`The GPU could not compile the ${key} kernel: ${err.message}`);
				});
			this.#pipelines.set(key, pipeline);
		}
		return pipeline;
	}

	#module(source: ShaderSource) {
		let module = this.#modules.get(source.key);
		if (!module) {
			module = this.#device.createShaderModule({ label: source.key, code: source.code });
			this.#modules.set(source.key, module);
		}
		return module;
	}
}
