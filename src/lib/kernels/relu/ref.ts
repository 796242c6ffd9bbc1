import { mapRef } from '../elementwise';
import type { RefTensor, Tensor } from '../types';

export const reluRef = (inputs: Tensor[]): RefTensor => mapRef(inputs, (x) => (x > 0 ? x : 0));
