import { z } from 'zod';

/** The kernel backends a result row can name (see src/lib/kernels/providers.ts). */
export const BACKENDS = ['webgpu', 'wasm-simd-threads', 'wasm-simd', 'wasm-scalar', 'js'] as const;
export const backendSchema = z.enum(BACKENDS);
export type BackendId = z.infer<typeof backendSchema>;
