import { sizeOf } from '../../random';
import type { OpName, OpParams } from '../../types';
import type { Scope, WasmContext } from '../context';

/** An input tensor already copied into the kernels' memory. */
export interface Resident {
	ptr: number;
	shape: number[];
}

/** An op made ready: output (and any scratch) allocated, every kernel argument fixed. */
export interface WasmPlan {
	output: number;
	outputShape: number[];
	run(): void;
}

export type Planner<O extends OpName> = (ctx: WasmContext, scope: Scope, inputs: Resident[], params: OpParams[O]) => WasmPlan;

export const floatBytes = (shape: number[]) => sizeOf(shape) * 4;

export function sameLength(op: string, a: Resident, b: Resident): void {
	if (sizeOf(a.shape) !== sizeOf(b.shape)) throw new Error(`${op}: the inputs have different sizes (${a.shape.join('×')} and ${b.shape.join('×')})`);
}
