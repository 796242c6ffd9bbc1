import { z } from 'zod';

/** What the adapter card shows, and what every result stores about the machine it ran on. */
export const webgpuInfoSchema = z.object({
	available: z.literal(true),
	vendor: z.string(),
	architecture: z.string(),
	device: z.string(),
	description: z.string(),
	isFallbackAdapter: z.boolean(),
	/** SwiftShader, llvmpipe or a fallback adapter: a CPU pretending to be a GPU. */
	software: z.boolean(),
	features: z.array(z.string()),
	limits: z.object({
		maxBufferSize: z.number(),
		maxStorageBufferBindingSize: z.number(),
		maxComputeWorkgroupStorageSize: z.number(),
		maxComputeInvocationsPerWorkgroup: z.number(),
		maxComputeWorkgroupSizeX: z.number()
	})
});

export const webgpuMissingSchema = z.object({
	available: z.literal(false),
	reason: z.string()
});

export const computeReportSchema = z.object({
	schema: z.literal('tito-web/compute@1'),
	detectedAt: z.string(),
	webgpu: z.discriminatedUnion('available', [webgpuInfoSchema, webgpuMissingSchema]),
	wasm: z.object({
		available: z.boolean(),
		simd: z.boolean(),
		relaxedSimd: z.boolean(),
		threads: z.boolean()
	}),
	crossOriginIsolated: z.boolean(),
	hardwareConcurrency: z.number().int().nonnegative(),
	deviceMemoryGb: z.number().nullable(),
	userAgent: z.string(),
	platform: z.string().nullable()
});

export type WebgpuInfo = z.infer<typeof webgpuInfoSchema>;
export type ComputeReport = z.infer<typeof computeReportSchema>;
