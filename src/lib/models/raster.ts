/** Small drawing helpers for the procedural data sets: points, affine jitter, supersampled pixels. */
export type Point = [number, number];
export type Rand = () => number;

export const between = (rand: Rand, lo: number, hi: number) => lo + (hi - lo) * rand();

/** One standard normal sample (Box–Muller) from a seeded uniform stream. */
export function gaussian(rand: Rand): number {
	const u = Math.max(rand(), 1e-12);
	return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

export function distanceToSegment([px, py]: Point, [ax, ay]: Point, [bx, by]: Point): number {
	const dx = bx - ax;
	const dy = by - ay;
	const len2 = dx * dx + dy * dy;
	const t = len2 ? Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2)) : 0;
	return Math.hypot(px - ax - t * dx, py - ay - t * dy);
}

export function distanceToPolylines(p: Point, lines: Point[][]): number {
	let best = Infinity;
	for (const line of lines) for (let i = 1; i < line.length; i++) best = Math.min(best, distanceToSegment(p, line[i - 1], line[i]));
	return best;
}

/** A random similarity-with-shear transform about the centre (0.5, 0.5) of the unit square. */
export function randomAffine(rand: Rand, o: { rotate: number; scale: [number, number]; shift: number; shear: number }): (p: Point) => Point {
	const angle = between(rand, -o.rotate, o.rotate);
	const s = between(rand, ...o.scale);
	const shear = between(rand, -o.shear, o.shear);
	const tx = between(rand, -o.shift, o.shift);
	const ty = between(rand, -o.shift, o.shift);
	const c = Math.cos(angle) * s;
	const n = Math.sin(angle) * s;
	return ([x, y]) => {
		const u = x - 0.5 + shear * (y - 0.5);
		const v = y - 0.5;
		return [0.5 + tx + c * u - n * v, 0.5 + ty + n * u + c * v];
	};
}

/**
 * Coverage of each pixel of a size×size image by `inside` (unit-square coordinates),
 * averaged over sub×sub samples per pixel: anti-aliased edges, row-major.
 */
export function coverage(size: number, sub: number, inside: (p: Point) => number): Float64Array {
	const out = new Float64Array(size * size);
	for (let y = 0; y < size; y++)
		for (let x = 0; x < size; x++) {
			let s = 0;
			for (let j = 0; j < sub; j++)
				for (let i = 0; i < sub; i++) s += inside([(x + (i + 0.5) / sub) / size, (y + (j + 0.5) / sub) / size]);
			out[y * size + x] = s / (sub * sub);
		}
	return out;
}
