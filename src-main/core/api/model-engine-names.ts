/**
 * The model and engine names of the contract, zod-free so the renderer's settings offer exactly what
 * train-api.ts accepts. Engines in preference order (see core/ml/engine-probe.ts).
 */
export const MODEL_NAMES = ['cnn-small', 'vgg-fer', 'cnn-tiny'] as const;
export const ENGINE_NAMES = ['auto', 'tensorflow-gpu', 'tensorflow', 'webgpu', 'native', 'wasm', 'cpu'] as const;
