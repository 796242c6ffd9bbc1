import { mapRef } from '../elementwise';
import type { RefTensor, Tensor } from '../types';

const C = Math.sqrt(2 / Math.PI);

/** GELU, tanh approximation (as TinyTorch and PyTorch's approximate='tanh'). */
export const geluScalar = (x: number) => 0.5 * x * (1 + Math.tanh(C * (x + 0.044715 * x * x * x)));

export const geluRef = (inputs: Tensor[]): RefTensor => mapRef(inputs, geluScalar);
