/**
 * The files a worker process starts from. In the repository they are the TypeScript entries, run through tsx;
 * in the Electron build (scripts/build-electron.mjs, which defines FER_BUNDLED) they are the bundles built beside
 * main.cjs, so the packaged app ships and runs built JavaScript only.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

declare const FER_BUNDLED: boolean | undefined;
const bundled = typeof FER_BUNDLED !== 'undefined' && FER_BUNDLED;

export const WORKER_ENTRY = bundled ? join(__dirname, 'worker.cjs') : fileURLToPath(new URL('./worker.ts', import.meta.url));
export const FOLD_WORKER_ENTRY = bundled ? join(__dirname, 'fold-worker.cjs') : fileURLToPath(new URL('./folds/fold-worker.ts', import.meta.url));
export const PREDICT_WORKER_ENTRY = bundled ? join(__dirname, 'predict-worker.cjs') : fileURLToPath(new URL('../ml/predict/predict-worker.ts', import.meta.url));
export const GROUP_WORKER_ENTRY = bundled ? join(__dirname, 'group-worker.cjs') : fileURLToPath(new URL('../duplicates/group-worker.ts', import.meta.url));
