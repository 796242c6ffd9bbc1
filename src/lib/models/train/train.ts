import { mulberry32 } from '$lib/kernels/random';
import { countOf, sampleSize, type Dataset } from '../dataset';
import { softmaxCrossEntropy } from './layers';
import type { Net } from './nets';
import { Tape, valueOf } from './tape';

export interface TrainOptions {
	/** Passes over the training split; `maxSteps` stops earlier (tests train a few steps). */
	epochs: number;
	maxSteps?: number;
	batch: number;
	lr: number;
	seed: number;
}

export interface TrainReport {
	steps: number;
	epochs: number;
	/** Mean training loss of each epoch (of the last, partial one too). */
	epoch_loss: number[];
}

const samplesOf = (d: Dataset, indexes: ArrayLike<number>) => {
	const size = sampleSize(d);
	const x = new Float64Array(indexes.length * size);
	for (let r = 0; r < indexes.length; r++) for (let j = 0; j < size; j++) x[r * size + j] = d.pixels[indexes[r] * size + j] / 255;
	return x;
};

/** Adam (β 0.9 / 0.999), the optimiser TinyTorch's training module ends with. */
function adam(net: Net, lr: number) {
	const params = Object.values(net.params);
	const m = params.map((p) => new Float64Array(p.data.length));
	const v = params.map((p) => new Float64Array(p.data.length));
	let t = 0;
	return () => {
		t++;
		const c1 = 1 - 0.9 ** t;
		const c2 = 1 - 0.999 ** t;
		params.forEach((p, k) => {
			const g = p.grad!;
			for (let i = 0; i < g.length; i++) {
				m[k][i] = 0.9 * m[k][i] + 0.1 * g[i];
				v[k][i] = 0.999 * v[k][i] + 0.001 * g[i] * g[i];
				p.data[i] -= (lr * (m[k][i] / c1)) / (Math.sqrt(v[k][i] / c2) + 1e-8);
			}
			g.fill(0);
		});
	};
}

/** Mini-batch training with a seeded shuffle each epoch: the same options give the same weights, bit for bit. */
export function train(net: Net, data: Dataset, opts: TrainOptions): TrainReport {
	const rand = mulberry32(opts.seed);
	const n = countOf(data);
	const order = Int32Array.from({ length: n }, (_, i) => i);
	const step = adam(net, opts.lr);
	const report: TrainReport = { steps: 0, epochs: 0, epoch_loss: [] };
	const done = () => opts.maxSteps !== undefined && report.steps >= opts.maxSteps;
	for (let epoch = 0; epoch < opts.epochs && !done(); epoch++) {
		for (let i = n - 1; i > 0; i--) {
			const j = Math.floor(rand() * (i + 1));
			[order[i], order[j]] = [order[j], order[i]];
		}
		let total = 0;
		let batches = 0;
		for (let at = 0; at < n && !done(); at += opts.batch) {
			const idx = order.subarray(at, Math.min(n, at + opts.batch));
			const tape = new Tape();
			const x = valueOf([idx.length, ...data.sampleShape], samplesOf(data, idx), false);
			const logits = net.forward(tape, x);
			total += softmaxCrossEntropy(logits, Array.from(idx, (k) => data.labels[k]));
			tape.backward();
			step();
			batches++;
			report.steps++;
		}
		report.epochs++;
		report.epoch_loss.push(total / batches);
	}
	return report;
}

/** Rounds every weight to float32, as the .onnx file will hold it, so evaluation sees the shipped numbers. */
export function roundToFloat32(net: Net) {
	for (const p of Object.values(net.params)) p.data.set(Float32Array.from(p.data));
}

/** Class probabilities' argmax against the labels, in float64, in batches. */
export function evaluate(net: Net, data: Dataset, batch = 100): { accuracy: number; correct: number; count: number } {
	const n = countOf(data);
	let correct = 0;
	for (let at = 0; at < n; at += batch) {
		const idx = Int32Array.from({ length: Math.min(batch, n - at) }, (_, i) => at + i);
		const logits = net.forward(new Tape(), valueOf([idx.length, ...data.sampleShape], samplesOf(data, idx), false));
		const k = logits.shape[1];
		idx.forEach((sample, r) => {
			const row = logits.data.subarray(r * k, (r + 1) * k);
			if (row.indexOf(Math.max(...row)) === data.labels[sample]) correct++;
		});
	}
	return { accuracy: correct / n, correct, count: n };
}
