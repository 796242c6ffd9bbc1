import { mapRef } from '../elementwise';
import type { RefTensor, Tensor } from '../types';

export const mulRef = (inputs: Tensor[]): RefTensor => mapRef(inputs, (a, b) => a * b);
