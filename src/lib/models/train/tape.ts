/**
 * A tensor-level autograd tape in float64, just big enough to train the shipped models:
 * every op computes its output and records how to send gradients back to its inputs.
 * (TinyTorch's own autograd module, in miniature.)
 */
export interface Value {
	shape: number[];
	data: Float64Array;
	/** Gradient of the loss, same layout; null where none is needed (the input images). */
	grad: Float64Array | null;
}

export const valueOf = (shape: number[], data = new Float64Array(shape.reduce((a, b) => a * b, 1)), needsGrad = true): Value => ({
	shape,
	data,
	grad: needsGrad ? new Float64Array(data.length) : null
});

export class Tape {
	#backward: (() => void)[] = [];

	/** Records how to push an op's output gradient to its inputs. */
	record(backward: () => void) {
		this.#backward.push(backward);
	}

	/** Runs every recorded step in reverse; the loss gradient must already be in place. */
	backward() {
		for (let i = this.#backward.length - 1; i >= 0; i--) this.#backward[i]();
		this.#backward = [];
	}
}
