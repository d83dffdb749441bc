/**
 * The model and engine names of the contract, zod-free so the renderer's settings offer exactly what
 * train-api.ts accepts. Engines in preference order (see core/ml/engine-probe.ts).
 */
export const MODEL_NAMES = ['cnn-small', 'vgg-fer', 'cnn-tiny'] as const;
export type ModelName = (typeof MODEL_NAMES)[number];
export const ENGINE_NAMES = ['auto', 'tensorflow-gpu', 'tensorflow', 'webgpu', 'native', 'wasm', 'cpu'] as const;
/**
 * Precision of the native engine's convolutions and matmuls per run or scan: 'auto' is bf16 (fp32
 * accumulation) where the CPU has AVX512_BF16, else fp32. fp32 is the default until bf16's accuracy parity
 * is measured (issue 21). Other engines always run fp32.
 */
export const PRECISION_NAMES = ['fp32', 'auto'] as const;
