import { mulberry32 } from '$lib/kernels/random';
import { toByte, type Dataset } from './dataset';
import { between, coverage, gaussian, randomAffine, type Point } from './raster';

/**
 * "Tiny shapes": a CIFAR-shaped (3×32×32 colour) synthetic set of ten classes — solid
 * shapes and textures in random colours, positions, sizes and small rotations, with noise.
 * Colour carries no class information: the net has to see the shape.
 */
export const SHAPE_SIZE = 32;
export const SHAPE_CLASSES = ['disc', 'square', 'triangle', 'ring', 'plus', 'horizontal stripes', 'vertical stripes', 'diagonal stripes', 'checkerboard', 'cross'] as const;

const R = 0.3;
const stripes = (t: number, period: number, phase: number) => (Math.floor(t / period + phase) % 2 === 0 ? 1 : 0);

/** Whether a point of the shape's own frame (centre 0.5, 0.5) is inside, per class; textures get their period and phase. */
function insideOf(label: number, period: number, phase: number): (p: Point) => number {
	return ([x, y]) => {
		const dx = x - 0.5;
		const dy = y - 0.5;
		const d = Math.hypot(dx, dy);
		const bar = (u: number, v: number) => (Math.abs(u) < 0.3 * R && Math.abs(v) < R) || (Math.abs(v) < 0.3 * R && Math.abs(u) < R);
		switch (label) {
			case 0: return d < R ? 1 : 0;
			case 1: return Math.max(Math.abs(dx), Math.abs(dy)) < 0.85 * R ? 1 : 0;
			case 2: return dy < 0.5 * R && dy > -R + 1.732 * Math.abs(dx) ? 1 : 0;
			case 3: return d < R && d > 0.55 * R ? 1 : 0;
			case 4: return bar(dx, dy) ? 1 : 0;
			case 5: return stripes(y + 2, period, phase);
			case 6: return stripes(x + 2, period, phase);
			case 7: return stripes((x + y) / Math.SQRT2 + 2, period, phase);
			case 8: return (stripes(x + 2, period, phase) + stripes(y + 2, period, phase)) % 2;
			default: return bar((dx + dy) / Math.SQRT2, (dx - dy) / Math.SQRT2) ? 1 : 0;
		}
	};
}

/** One image, CHW, values in [0, 1]. */
function renderShape(label: number, rand: () => number): Float64Array {
	const toShape = randomAffine(rand, { rotate: 0.3, scale: [0.8, 1.25], shift: 0.14, shear: 0.1 });
	const inside = insideOf(label, between(rand, 0.16, 0.3), rand());
	const ink = coverage(SHAPE_SIZE, 2, (p) => inside(toShape(p)));
	const bg = [rand(), rand(), rand()];
	const fg = bg.map((b) => (b > 0.5 ? b - between(rand, 0.35, 0.6) : b + between(rand, 0.35, 0.6)));
	const noise = between(rand, 0.02, 0.08);
	const plane = SHAPE_SIZE * SHAPE_SIZE;
	const out = new Float64Array(3 * plane);
	for (let c = 0; c < 3; c++) for (let i = 0; i < plane; i++) out[c * plane + i] = bg[c] + (fg[c] - bg[c]) * ink[i] + noise * gaussian(rand);
	return out;
}

export function tinyShapes({ count, seed }: { count: number; seed: number }): Dataset {
	const rand = mulberry32(seed);
	const size = 3 * SHAPE_SIZE * SHAPE_SIZE;
	const pixels = new Uint8Array(count * size);
	const labels = new Uint8Array(count);
	for (let i = 0; i < count; i++) {
		labels[i] = i % 10;
		renderShape(labels[i], rand).forEach((v, j) => (pixels[i * size + j] = toByte(v)));
	}
	return { sampleShape: [3, SHAPE_SIZE, SHAPE_SIZE], classes: 10, pixels, labels };
}
