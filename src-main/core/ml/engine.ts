/**
 * Loads the TF.js engine chosen at runtime and says why (see engine-probe.ts for the order).
 * `cpu` trains correctly but far too slowly for real runs (FACTS.md: two cnn-small steps did not
 * finish in 280 s), so `auto` never picks it while wasm works. Runs in the worker process.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import type { EngineName, EngineReport, PRECISION_NAMES } from '../api/train-api.ts';
import { describeEngines, expectedThreads } from './engine-probe.ts';
import { registerWasmTrainingKernels } from './wasm-kernels/register.ts';
import { loadNativeAddon } from './native-kernels/addon.ts';
import { registerNativeBackend } from './native-kernels/register.ts';

export { describeEngines } from './engine-probe.ts';

type PrecisionName = (typeof PRECISION_NAMES)[number];

/** Loads a backend's code; returns the TF.js backend name and how to read its thread count once it runs. */
const ACTIVATE: Record<EngineName, () => Promise<{ backend: string; threads: () => number }>> = {
  'tensorflow-gpu': async () => ({ backend: 'tensorflow', threads: () => expectedThreads('tensorflow-gpu') }),
  tensorflow: async () => ({ backend: 'tensorflow', threads: () => expectedThreads('tensorflow') }),
  webgpu: async () => {
    await import('@tensorflow/tfjs-backend-webgpu');
    return { backend: 'webgpu', threads: () => 1 };
  },
  native: async () => {
    const { addon, problem } = loadNativeAddon();
    if (!addon) throw new Error(`The native engine cannot load: ${problem}.`);
    registerNativeBackend(addon);
    addon.setThreads(expectedThreads('native'));
    return { backend: 'native', threads: () => addon.info().threads };
  },
  wasm: async () => {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    registerWasmTrainingKernels();
    return { backend: 'wasm', threads: () => wasm.getThreadsCount() };
  },
  cpu: async () => ({ backend: 'cpu', threads: () => 1 }),
};

let current: { key: string; report: Promise<EngineReport> } | null = null;

/**
 * Loads the best engine present (or `preferred` when it is available), makes it TF.js's backend and sets
 * the native kernels' precision (see PRECISION_NAMES; $FER_NATIVE_PRECISION, for tests and measurement,
 * wins over it). Idempotent per process: the same preference reloads nothing. The report says which
 * precision runs.
 */
export async function initEngine(preferred: 'auto' | EngineName = 'auto', precision: PrecisionName = 'fp32'): Promise<EngineReport> {
  const report = await loadEngine(preferred);
  return { ...report, precision: applyPrecision(report.selected, precision) };
}

function applyPrecision(engine: EngineName, setting: PrecisionName): 'fp32' | 'bf16' {
  if (engine !== 'native') return 'fp32';
  const addon = loadNativeAddon().addon!; // loaded: the native engine runs
  if (!process.env.FER_NATIVE_PRECISION) addon.setPrecision(setting);
  return addon.info().precision;
}

function loadEngine(preferred: 'auto' | EngineName): Promise<EngineReport> {
  if (current?.key === preferred) return current.report;
  const report = select(preferred);
  current = { key: preferred, report };
  report.catch(() => {
    if (current?.report === report) current = null;
  });
  return report;
}

// wasm and native are two instances of one wasm module whose kernels keep module-level bindings: one per process.
const EXCLUSIVE: Partial<Record<EngineName, EngineName>> = { wasm: 'native', native: 'wasm' };
const activated = new Set<EngineName>();

async function select(preferred: 'auto' | EngineName): Promise<EngineReport> {
  const candidates = await describeEngines();
  let chosen: (typeof candidates)[number] | undefined;
  if (preferred === 'auto') {
    chosen = candidates.find((c) => c.trains) ?? candidates.find((c) => c.available);
  } else {
    chosen = candidates.find((c) => c.name === preferred);
    if (!chosen?.available) throw new Error(`Engine '${preferred}' is not available here: ${chosen?.reason ?? 'unknown engine'}.`);
  }
  if (!chosen) throw new Error('No TF.js engine is available.');
  const rival = EXCLUSIVE[chosen.name];
  if (rival && activated.has(rival)) throw new Error(`The ${chosen.name} engine cannot start in a process that already ran the ${rival} engine.`);
  const engine = await ACTIVATE[chosen.name]();
  if (!(await tf.setBackend(engine.backend))) throw new Error(`TF.js could not start the '${engine.backend}' backend.`);
  await tf.ready();
  activated.add(chosen.name);
  const threads = engine.threads();
  for (const c of candidates) {
    if (c === chosen) c.reason = `selected${preferred === 'auto' ? '' : ' (asked for)'}: ${c.reason}`;
    else if (c.available && candidates.indexOf(c) < candidates.indexOf(chosen)) c.reason = `skipped: ${preferred} was asked for (${c.reason})`;
    else if (c.available) c.reason = `not needed: a better engine is present (${c.reason})`;
    else c.reason = `skipped: ${c.reason}`;
  }
  return { selected: chosen.name, backend: tf.getBackend(), threads, candidates };
}
