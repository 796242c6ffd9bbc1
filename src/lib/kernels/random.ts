/** Seeded random inputs, so every run and every backend sees the same numbers. */
export function mulberry32(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** Standard normal samples (Box-Muller), as NumPy's `randn` in TinyTorch's baseline. */
export function randn(count: number, seed: number, scale = 1): Float32Array {
	const rand = mulberry32(seed);
	const out = new Float32Array(count);
	for (let i = 0; i < count; i += 2) {
		const u = Math.max(rand(), 1e-12);
		const v = rand();
		const r = Math.sqrt(-2 * Math.log(u)) * scale;
		out[i] = r * Math.cos(2 * Math.PI * v);
		if (i + 1 < count) out[i + 1] = r * Math.sin(2 * Math.PI * v);
	}
	return out;
}

export const sizeOf = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

export function randomTensor(shape: number[], seed: number, scale = 1) {
	return { shape, data: randn(sizeOf(shape), seed, scale) };
}
