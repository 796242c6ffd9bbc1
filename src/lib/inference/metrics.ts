/** Share of samples whose largest output is the label's; null when the outputs are not class scores. */
export function accuracyOf(outputs: Float32Array, outputSize: number, labels: ArrayLike<number>): number | null {
	if (outputSize < 2 || outputs.length !== outputSize * labels.length) return null;
	let correct = 0;
	for (let r = 0; r < labels.length; r++) {
		let best = 0;
		for (let j = 1; j < outputSize; j++) if (outputs[r * outputSize + j] > outputs[r * outputSize + best]) best = j;
		if (best === labels[r]) correct++;
	}
	return correct / labels.length;
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
	if (a.length !== b.length) return Infinity;
	let m = 0;
	for (let i = 0; i < a.length; i++) {
		const d = Math.abs(a[i] - b[i]);
		if (!(d <= m)) m = Number.isNaN(d) ? Infinity : d;
	}
	return m;
}

/**
 * How far two engines' float32 outputs may differ and still agree: 1e-4 of the output's
 * scale (at least 1), room for different summation orders and fused operations.
 */
export function agreementTolerance(reference: ArrayLike<number>): number {
	let scale = 1;
	for (let i = 0; i < reference.length; i++) scale = Math.max(scale, Math.abs(reference[i]));
	return 1e-4 * scale;
}
