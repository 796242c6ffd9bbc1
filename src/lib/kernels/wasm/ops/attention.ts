import { splitRange } from '../partition';
import { chunksForWork } from './matmul';
import type { Planner } from './plan';
import { floatBytes } from './plan';

/** Attention runs whole (batch·head) slices per call, so threads share out the heads. */
export const attentionWasm: Planner<'attention'> = (ctx, scope, [q, k, v], { causal }) => {
	const [bh, s, d] = q.shape;
	for (const t of [k, v])
		if (t.shape.join() !== q.shape.join()) throw new Error(`attention: q, k and v must have the same shape (got ${q.shape.join('×')} and ${t.shape.join('×')})`);
	const output = scope.alloc(floatBytes(q.shape));
	const calls = splitRange(bh, chunksForWork(ctx, 2 * bh * s * s * d)).map(([h0, h1]) => [q.ptr, k.ptr, v.ptr, output, s, d, causal ? 1 : 0, h0, h1, 0]);
	const scratchBytes = ctx.exports.attentionScratchBytes(s, d);
	const scratch = Array.from({ length: calls.length > 1 ? ctx.threads : 1 }, () => scope.alloc(scratchBytes));
	return { output, outputShape: [...q.shape], run: () => ctx.parallel('attentionHeads', calls, scratch) };
};
