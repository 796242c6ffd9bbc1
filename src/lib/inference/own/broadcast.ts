/** NumPy broadcasting of constants, done once when a graph is planned. */
export function broadcastShape(a: number[], b: number[]): number[] | null {
	const rank = Math.max(a.length, b.length);
	const out: number[] = [];
	for (let i = 0; i < rank; i++) {
		const x = a[a.length - rank + i] ?? 1;
		const y = b[b.length - rank + i] ?? 1;
		if (x !== y && x !== 1 && y !== 1) return null;
		out.push(Math.max(x, y));
	}
	return out;
}

/** `data` of shape `from`, repeated along its size-1 (and missing leading) axes to fill `to`. */
export function broadcastTo(data: Float32Array, from: number[], to: number[]): Float32Array {
	const size = to.reduce((a, b) => a * b, 1);
	const out = new Float32Array(size);
	const pad = to.length - from.length;
	const fromStrides = new Array<number>(to.length).fill(0);
	let stride = 1;
	for (let i = from.length - 1; i >= 0; i--) {
		if (from[i] !== 1) fromStrides[pad + i] = stride;
		stride *= from[i];
	}
	const index = new Array<number>(to.length).fill(0);
	for (let o = 0; o < size; o++) {
		let src = 0;
		for (let d = 0; d < to.length; d++) src += index[d] * fromStrides[d];
		out[o] = data[src];
		for (let d = to.length - 1; d >= 0 && ++index[d] === to[d]; d--) index[d] = 0;
	}
	return out;
}
