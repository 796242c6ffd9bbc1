import { mulberry32 } from '$lib/kernels/random';
import { toByte, type Dataset } from './dataset';
import { between, coverage, distanceToPolylines, gaussian, randomAffine, type Point } from './raster';

/**
 * "Tiny digits": 8×8 grey handwritten-looking digits drawn from strokes, each image with
 * its own jitter of the stroke points, stroke width, rotation, scale, shear, shift,
 * contrast and noise, all from one seeded stream — the same seed gives the same bytes.
 */
export const DIGIT_SIZE = 8;

const ellipse = (cx: number, cy: number, rx: number, ry: number, steps = 14): Point[] =>
	Array.from({ length: steps + 1 }, (_, i) => [cx + rx * Math.sin((2 * Math.PI * i) / steps), cy - ry * Math.cos((2 * Math.PI * i) / steps)]);

/** Each digit's strokes in the unit square (x right, y down). */
const STROKES: Point[][][] = [
	[ellipse(0.5, 0.5, 0.27, 0.38)],
	[[[0.36, 0.26], [0.53, 0.12], [0.53, 0.88]]],
	[[[0.26, 0.3], [0.36, 0.15], [0.6, 0.12], [0.73, 0.28], [0.68, 0.45], [0.26, 0.88], [0.78, 0.88]]],
	[[[0.26, 0.14], [0.72, 0.14], [0.47, 0.44], [0.7, 0.57], [0.72, 0.78], [0.5, 0.9], [0.25, 0.82]]],
	[[[0.63, 0.88], [0.63, 0.12], [0.22, 0.64], [0.8, 0.64]]],
	[[[0.73, 0.12], [0.31, 0.12], [0.28, 0.45], [0.55, 0.42], [0.72, 0.6], [0.68, 0.82], [0.48, 0.9], [0.25, 0.82]]],
	[[[0.68, 0.13], [0.45, 0.2], [0.3, 0.45], [0.28, 0.72], [0.42, 0.9], [0.62, 0.88], [0.72, 0.7], [0.6, 0.53], [0.4, 0.53], [0.3, 0.64]]],
	[[[0.22, 0.12], [0.78, 0.12], [0.44, 0.88]]],
	[ellipse(0.5, 0.3, 0.2, 0.18), ellipse(0.5, 0.69, 0.25, 0.21)],
	[[[0.71, 0.42], [0.55, 0.5], [0.36, 0.45], [0.3, 0.28], [0.45, 0.12], [0.65, 0.15], [0.72, 0.35], [0.68, 0.65], [0.5, 0.9], [0.3, 0.86]]]
];

export interface DigitsOptions {
	count: number;
	seed: number;
}

/** Renders one digit with fresh random variation from `rand`: grey values in [0, 1]. */
function renderDigit(label: number, rand: () => number): Float64Array {
	const move = randomAffine(rand, { rotate: 0.26, scale: [0.78, 1.05], shift: 0.08, shear: 0.2 });
	const strokes = STROKES[label].map((line) => line.map(([x, y]) => move([x + between(rand, -0.035, 0.035), y + between(rand, -0.035, 0.035)])));
	const halfWidth = between(rand, 0.05, 0.095);
	const contrast = between(rand, 0.65, 1);
	const noise = between(rand, 0.02, 0.09);
	const ink = coverage(DIGIT_SIZE, 4, (p) => (distanceToPolylines(p, strokes) <= halfWidth ? 1 : 0));
	return ink.map((v) => contrast * v + noise * gaussian(rand));
}

/** `count` digits, labels 0–9 in turn, as 8-bit pixels; the sample shape is [64] (an 8×8 image, row-major). */
export function tinyDigits({ count, seed }: DigitsOptions): Dataset {
	const rand = mulberry32(seed);
	const size = DIGIT_SIZE * DIGIT_SIZE;
	const pixels = new Uint8Array(count * size);
	const labels = new Uint8Array(count);
	for (let i = 0; i < count; i++) {
		labels[i] = i % 10;
		renderDigit(labels[i], rand).forEach((v, j) => (pixels[i * size + j] = toByte(v)));
	}
	return { sampleShape: [size], classes: 10, pixels, labels };
}
