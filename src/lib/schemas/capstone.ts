import { z } from 'zod';
import { backendSchema } from './backends';
import { measurementSchema, ms } from './measurement';
import { DIVISIONS, module20SubmissionSchema, OLYMPIC_EVENTS } from './module20';

/**
 * The capstone part of a result (`capstone` in tito-web/result@1, absent in baseline runs):
 * models on every engine, the empirical roofline, memory, the Module 20 submission, the
 * Olympics events and the capstone score. Only summaries: no model outputs are kept.
 */
export const CAPSTONE_FORMAT = 'tito-web/capstone@1';

/** Where a model ran: onnxruntime-web on an EP, or our kernels on a backend. */
export const ENGINES = ['ort-wasm', 'ort-webgpu', 'own-webgpu', 'own-wasm-simd-threads', 'own-wasm-simd', 'own-wasm-scalar'] as const;
export const engineSchema = z.enum(ENGINES);
export type EngineId = z.infer<typeof engineSchema>;

const rate = z.number().nonnegative().max(1e12);
const share = z.number().nonnegative().max(1000);

export const modelRunSchema = z.object({
	engine: engineSchema,
	label: z.string().max(200),
	/** onnxruntime-web: the EP the session was really created on. */
	ep: z.enum(['webgpu', 'wasm']).nullable(),
	threads: z.number().int().min(1).max(256).nullable(),
	status: z.enum(['ok', 'unavailable', 'error']),
	/** Why it did not run, or what to know (an EP that fell back). */
	reason: z.string().max(2000).nullable(),
	setup_ms: ms.nullable(),
	first_run_ms: ms.nullable(),
	latency: measurementSchema.nullable(),
	batch_latency: measurementSchema.nullable(),
	batch: z.number().int().min(1).max(4096),
	/** Inferences per second. */
	throughput_1: rate.nullable(),
	throughput_batch: rate.nullable(),
	accuracy: z.number().min(0).max(1).nullable(),
	agreement: z
		.object({ vs: engineSchema, max_abs_diff: z.number().nonnegative(), tolerance: z.number().nonnegative(), within: z.boolean() })
		.nullable()
});
export type ModelRun = z.infer<typeof modelRunSchema>;

export const modelReportSchema = z.object({
	model: z.string().min(1).max(120),
	title: z.string().max(200),
	sha256: z.string().regex(/^[0-9a-f]{64}$/).nullable(),
	size_bytes: z.number().int().nonnegative(),
	parameter_count: z.number().int().nonnegative(),
	/** What the training script measured on the eval set (shipped models). */
	expected_accuracy: z.number().min(0).max(1).nullable(),
	/** Samples run through every engine: the eval set, or seeded random inputs. */
	samples: z.number().int().min(1).max(1_000_000),
	labelled: z.boolean(),
	runs: z.array(modelRunSchema).max(10)
});
export type ModelReport = z.infer<typeof modelReportSchema>;

export const rooflinePointSchema = z.object({
	workload: z.string().max(80),
	name: z.string().max(120),
	flops: z.number().nonnegative(),
	bytes: z.number().positive(),
	gflops: rate,
	intensity: z.number().nonnegative(),
	bound: z.enum(['memory', 'compute']),
	of_peak: share,
	of_attainable: share,
	sentence: z.string().max(300)
});

export const rooflineSchema = z.object({
	backend: backendSchema,
	label: z.string().max(200),
	peak_gflops: rate,
	/** The compute-bound kernel the peak was measured with. */
	peak_from: z.string().max(80),
	bandwidth_gbps: rate,
	/** The streaming kernel the bandwidth was measured with. */
	bandwidth_from: z.string().max(80),
	points: z.array(rooflinePointSchema).max(100)
});
export type Roofline = z.infer<typeof rooflineSchema>;

export const memorySchema = z.object({
	/** Most GPU buffer memory our kernels held at once during the run. */
	gpu_bytes: z.number().int().nonnegative().nullable(),
	/** Largest WebAssembly memory of our kernels. */
	wasm_heap_bytes: z.number().int().nonnegative().nullable(),
	/** performance.measureUserAgentSpecificMemory(): the whole page, as the browser counts it. */
	page_bytes: z.number().int().nonnegative().nullable(),
	/** Why a number is missing, in words. */
	notes: z.array(z.string().max(300)).max(5)
});
export type MemoryFootprint = z.infer<typeof memorySchema>;

export const eventOutcomeSchema = z.object({
	event: z.enum(OLYMPIC_EVENTS),
	title: z.string().max(80),
	measures: z.string().max(300),
	qualifies: z.boolean(),
	reason: z.string().max(300).nullable(),
	value: z.number(),
	unit: z.string().max(20)
});

export const olympicsEntrySchema = z.object({
	division: z.enum(DIVISIONS),
	model_name: z.string().max(120),
	events: z.array(eventOutcomeSchema).max(OLYMPIC_EVENTS.length)
});

export const capstoneScoreSchema = z.object({
	value: z.number().int().min(0).max(100),
	/** Each part in [0, 1]. */
	correctness: z.number().min(0).max(1),
	accuracy: z.number().min(0).max(1),
	kernels: z.number().min(0).max(1),
	definition: z.string().max(600)
});
export type CapstoneScore = z.infer<typeof capstoneScoreSchema>;

export const capstoneBlockSchema = z.object({
	format: z.literal(CAPSTONE_FORMAT),
	length: z.enum(['standard', 'test']),
	wall_ms: ms,
	roofline: z.array(rooflineSchema).max(10),
	models: z.array(modelReportSchema).max(10),
	memory: memorySchema,
	submission: module20SubmissionSchema.nullable(),
	olympics: z.array(olympicsEntrySchema).max(10),
	score: capstoneScoreSchema.nullable()
});
export type CapstoneBlock = z.infer<typeof capstoneBlockSchema>;
