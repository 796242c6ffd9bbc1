import { MODELS_FORMAT, type ModelsManifest, type ShippedDataset, type ShippedModel } from '$lib/schemas/models';
import { encodeDataset, type Dataset } from './dataset';
import { sha256Hex } from './hash';
import { tinyDigits } from './digits';
import { cnnGraph, mlpGraph, type Weights } from './graphs';
import { SHAPE_CLASSES, tinyShapes } from './shapes';
import { cnnNet, mlpNet, parameterCount, type Net } from './train/nets';
import { evaluate, roundToFloat32, train, type TrainOptions } from './train/train';
import { OPSET } from '$lib/inference/onnx-build';

/**
 * The recipe of everything in static/models/: which data, which seeds, how long to train.
 * `npm run models` runs it; the same recipe always gives the same bytes.
 */
export const RECIPE = {
	digits: { train: { count: 5000, seed: 1 }, eval: { count: 1000, seed: 2 } },
	shapes: { train: { count: 3000, seed: 11 }, eval: { count: 500, seed: 12 } },
	mlp: { initSeed: 3, train: { epochs: 12, batch: 32, lr: 0.01, seed: 4 } },
	cnn: { initSeed: 13, train: { epochs: 6, batch: 32, lr: 0.003, seed: 14 } }
} as const;

const DIGIT_CLASSES = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

export const evalSets = {
	digits: () => tinyDigits(RECIPE.digits.eval),
	shapes: () => tinyShapes(RECIPE.shapes.eval)
};

const weightsOf = (net: Net): Weights =>
	Object.fromEntries(Object.entries(net.params).map(([name, p]) => [name, { shape: p.shape, data: Float32Array.from(p.data) }]));

interface ModelPlan {
	id: string;
	title: string;
	description: string;
	initSeed: number;
	net: Net;
	graph: (w: Weights, doc: string) => Uint8Array;
	input: ShippedModel['input'];
	trainSet: { generator: string; seed: number; count: number; make: () => Dataset };
	evalSet: string;
	eval: Dataset;
	options: TrainOptions;
}

export interface BuildOptions {
	/** Stop training after this many steps, on this many training images (the tests' quick check); the shipped files train fully. */
	maxSteps?: number;
	trainCount?: number;
	log?: (line: string) => void;
}

/** Every shipped file by name, and the manifest describing them. */
export async function buildShippedModels(opts: BuildOptions = {}): Promise<{ files: Map<string, Uint8Array>; manifest: ModelsManifest }> {
	const log = opts.log ?? (() => {});
	const files = new Map<string, Uint8Array>();
	const digitsEval = evalSets.digits();
	const shapesEval = evalSets.shapes();
	const datasets: ShippedDataset[] = [];
	const addSet = async (id: string, title: string, generator: string, seed: number, d: Dataset, classes: readonly string[]) => {
		const bytes = encodeDataset(d);
		files.set(`${id}.bin`, bytes);
		datasets.push({ id, title, file: `${id}.bin`, bytes: bytes.length, sha256: await sha256Hex(bytes), generator, seed, count: d.labels.length, sample_shape: d.sampleShape, classes: [...classes] });
	};
	await addSet('tiny-digits-eval', 'Tiny digits, eval split (8×8 grey)', 'tinyDigits', RECIPE.digits.eval.seed, digitsEval, DIGIT_CLASSES);
	await addSet('tiny-shapes-eval', 'Tiny shapes, eval split (3×32×32 colour)', 'tinyShapes', RECIPE.shapes.eval.seed, shapesEval, SHAPE_CLASSES);

	const plans: ModelPlan[] = [
		{
			id: 'tiny-digits-mlp',
			title: 'Tiny digits MLP (64 → 32 → 10)',
			description: 'A two-layer perceptron on 8×8 grey digits: Gemm, ReLU, Gemm, Softmax.',
			initSeed: RECIPE.mlp.initSeed,
			net: mlpNet(RECIPE.mlp.initSeed),
			graph: mlpGraph,
			input: { name: 'x', shape: ['batch', 64] },
			trainSet: { generator: 'tinyDigits', ...RECIPE.digits.train, make: () => tinyDigits({ ...RECIPE.digits.train, count: opts.trainCount ?? RECIPE.digits.train.count }) },
			evalSet: 'tiny-digits-eval',
			eval: digitsEval,
			options: { ...RECIPE.mlp.train, maxSteps: opts.maxSteps }
		},
		{
			id: 'tiny-shapes-cnn',
			title: 'Tiny shapes CNN (two conv layers)',
			description: 'Conv 3→8, ReLU, max-pool, conv 8→16, ReLU, max-pool, flatten, Gemm 1024→10, Softmax, on 3×32×32 colour images.',
			initSeed: RECIPE.cnn.initSeed,
			net: cnnNet(RECIPE.cnn.initSeed),
			graph: cnnGraph,
			input: { name: 'x', shape: ['batch', 3, 32, 32] },
			trainSet: { generator: 'tinyShapes', ...RECIPE.shapes.train, make: () => tinyShapes({ ...RECIPE.shapes.train, count: opts.trainCount ?? RECIPE.shapes.train.count }) },
			evalSet: 'tiny-shapes-eval',
			eval: shapesEval,
			options: { ...RECIPE.cnn.train, maxSteps: opts.maxSteps }
		}
	];

	const models: ShippedModel[] = [];
	for (const p of plans) {
		log(`${p.id}: training on ${opts.trainCount ?? p.trainSet.count} images…`);
		const report = train(p.net, p.trainSet.make(), p.options);
		roundToFloat32(p.net);
		const { accuracy } = evaluate(p.net, p.eval);
		log(`${p.id}: ${report.steps} steps, loss ${report.epoch_loss.map((l) => l.toFixed(3)).join(' → ')}, eval accuracy ${(100 * accuracy).toFixed(1)} %`);
		const doc = `${p.title}, trained by Tito Web's scripts/models.mjs (seeded, reproducible). Eval accuracy ${(100 * accuracy).toFixed(1)} % on ${p.evalSet}.`;
		const bytes = p.graph(weightsOf(p.net), doc);
		files.set(`${p.id}.onnx`, bytes);
		const { make: _make, ...set } = p.trainSet;
		models.push({
			id: p.id,
			title: p.title,
			description: p.description,
			file: `${p.id}.onnx`,
			bytes: bytes.length,
			sha256: await sha256Hex(bytes),
			parameter_count: parameterCount(p.net),
			opset: OPSET,
			input: p.input,
			output: 'probs',
			eval_set: p.evalSet,
			accuracy,
			train: {
				set,
				init_seed: p.initSeed,
				shuffle_seed: p.options.seed,
				epochs: report.epochs,
				batch: p.options.batch,
				lr: p.options.lr,
				steps: report.steps,
				epoch_loss: report.epoch_loss.map((l) => Number(l.toPrecision(6)))
			}
		});
	}
	const manifest: ModelsManifest = { format: MODELS_FORMAT, models, datasets };
	files.set('manifest.json', new TextEncoder().encode(JSON.stringify(manifest, null, '\t') + '\n'));
	return { files, manifest };
}
