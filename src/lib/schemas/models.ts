import { z } from 'zod';

/**
 * static/models/manifest.json: what `npm run models` built — each shipped model and eval
 * set with its hash, and the accuracy the training script measured, which the browser's
 * runs are compared with.
 */
export const MODELS_FORMAT = 'tito-web/models@1';

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const dim = z.union([z.number().int().positive(), z.string().min(1).max(40)]);

export const shippedDatasetSchema = z.object({
	id: z.string().min(1).max(60),
	title: z.string().max(120),
	file: z.string().regex(/^[\w.-]+$/),
	bytes: z.number().int().positive(),
	sha256,
	generator: z.string().max(60),
	seed: z.number().int(),
	count: z.number().int().positive(),
	sample_shape: z.array(z.number().int().positive()).min(1).max(4),
	classes: z.array(z.string().max(40)).min(2).max(100)
});

export const shippedModelSchema = z.object({
	id: z.string().min(1).max(60),
	title: z.string().max(120),
	description: z.string().max(500),
	file: z.string().regex(/^[\w.-]+$/),
	bytes: z.number().int().positive(),
	sha256,
	parameter_count: z.number().int().positive(),
	opset: z.number().int().positive(),
	input: z.object({ name: z.string(), shape: z.array(dim) }),
	output: z.string(),
	eval_set: z.string(),
	/** On the eval set, computed by the training script in float64 with the float32 weights the file holds. */
	accuracy: z.number().min(0).max(1),
	train: z.object({
		set: z.object({ generator: z.string(), seed: z.number().int(), count: z.number().int().positive() }),
		init_seed: z.number().int(),
		shuffle_seed: z.number().int(),
		epochs: z.number().int().positive(),
		batch: z.number().int().positive(),
		lr: z.number().positive(),
		steps: z.number().int().positive(),
		epoch_loss: z.array(z.number())
	})
});

export const modelsManifestSchema = z.object({
	format: z.literal(MODELS_FORMAT),
	models: z.array(shippedModelSchema),
	datasets: z.array(shippedDatasetSchema)
});

export type ShippedModel = z.infer<typeof shippedModelSchema>;
export type ShippedDataset = z.infer<typeof shippedDatasetSchema>;
export type ModelsManifest = z.infer<typeof modelsManifestSchema>;
