// Scaled dot-product attention, one (batch·head) slice at a time, from the same kernels as
// everything else: scores = Q·Kᵀ (K packed as Bᵀ panels), scale, causal mask, stable
// softmax per row, then P·V (V packed as B panels). Heads h0..h1 let threads split the work.

import { matmulPacked, packB, packBT, packedABytes } from './matmul';
import { softmaxRow } from './reduce';

const NR = 8;

@inline function panelBytes(k: i32, n: i32): i32 {
	return k * ((n + NR - 1) / NR) * NR * 4;
}

/** Scratch one caller of attentionHeads needs: scores, both packed operands, the packed-A block. */
export function attentionScratchBytes(s: i32, d: i32): i32 {
	return s * s * 4 + panelBytes(d, s) + panelBytes(s, d) + packedABytes();
}

export function attentionHeads(q: usize, k: usize, v: usize, o: usize, s: i32, d: i32, causal: bool, h0: i32, h1: i32, scratch: usize): void {
	const scores = scratch;
	const kp = scores + <usize>(s * s * 4);
	const vp = kp + <usize>panelBytes(d, s);
	const ap = vp + <usize>panelBytes(s, d);
	const scale: f32 = <f32>1 / Mathf.sqrt(<f32>d);
	const sPanels = (s + NR - 1) / NR;
	const dPanels = (d + NR - 1) / NR;
	const head = <usize>(s * d) << 2;
	for (let h = h0; h < h1; h++) {
		const off = <usize>h * head;
		packBT(k + off, kp, d, s, 0, sPanels);
		matmulPacked(q + off, kp, scores, s, s, d, 0, s, 0, sPanels, ap);
		for (let i = 0; i < s; i++) {
			const row = scores + (<usize>(i * s) << 2);
			for (let j = 0; j < s; j++) {
				const at = row + (<usize>j << 2);
				store<f32>(at, causal && j > i ? -Infinity : load<f32>(at) * scale);
			}
			softmaxRow(row, row, s);
		}
		packB(v + off, vp, s, d, 0, dPanels);
		matmulPacked(scores, vp, o + off, s, d, s, 0, s, 0, dPanels, ap);
	}
}
