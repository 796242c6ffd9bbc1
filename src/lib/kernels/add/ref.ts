import { mapRef } from '../elementwise';
import type { RefTensor, Tensor } from '../types';

export const addRef = (inputs: Tensor[]): RefTensor => mapRef(inputs, (a, b) => a + b);
