/**
 * Which TF.js engines exist on this machine, without loading TF.js: doors (CLI, HTTP, Electron main) call
 * this for the `engines` method; the worker's engine.ts activates one. Order = preference:
 * CUDA (tfjs-node-gpu) > native CPU (tfjs-node) > WebGPU (Dawn for Node, only with an adapter) > our native
 * kernels on wasm > wasm > cpu.
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import { createRequire } from 'node:module';
import type { EngineCandidate, EngineName } from '../api/train-api.ts';
import { loadNativeAddon, nativeThreads } from './native-kernels/addon.ts';

// Not named `require`: the Electron bundle rewrites import.meta.url into a require() call.
const requireHere = createRequire(import.meta.url);

export function installed(pkg: string): boolean {
  try {
    requireHere.resolve(pkg);
    return true;
  } catch {
    return false;
  }
}

async function importNative(pkg: string): Promise<string | null> {
  if (!installed(pkg)) return `${pkg} is not installed (optional dependency; its install needs libtensorflow from the internet)`;
  try {
    await import(pkg);
    return null;
  } catch (e) {
    return `${pkg} failed to load: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`;
  }
}

interface DawnGpu {
  requestAdapter(options?: { powerPreference?: string }): Promise<unknown>;
}

/** Dawn prints a warning on stderr when Linux has no Vulkan loader; look for it first. */
function vulkanLoaderPresent(): boolean {
  if (process.platform !== 'linux') return true;
  const dirs = [...(process.env.LD_LIBRARY_PATH ?? '').split(':').filter(Boolean), '/usr/lib/x86_64-linux-gnu', '/usr/lib/aarch64-linux-gnu', '/usr/lib64', '/usr/lib', '/usr/local/lib'];
  return dirs.some((d) => existsSync(`${d}/libvulkan.so.1`));
}

let gpuAdapter: Promise<boolean> | null = null;

/** Creates navigator.gpu from the `webgpu` package (Dawn) once and asks for an adapter. */
export function hasWebGpuAdapter(): Promise<boolean> {
  gpuAdapter ??= (async () => {
    if (!vulkanLoaderPresent()) return false;
    const { create, globals } = (await import('webgpu')) as unknown as { create(flags: string[]): DawnGpu; globals: Record<string, unknown> };
    const gpu = create(process.env.DAWN_FLAGS ? process.env.DAWN_FLAGS.split(',') : []);
    const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
    if (adapter) {
      Object.assign(globalThis, globals);
      Object.defineProperty(globalThis, 'navigator', { value: { gpu, userAgent: 'node' }, configurable: true });
    }
    return adapter !== null;
  })().catch(() => false);
  return gpuAdapter;
}

/** The instruction set the native kernels use here (avx512bf16, avx512, avx2 or generic), for the engine report. */
function nativeSimd(): string {
  return loadNativeAddon().addon?.info().simd ?? 'not built';
}

interface Check {
  name: EngineName;
  trains: boolean;
  why: string;
  /** null when usable, else why not. */
  check(): Promise<string | null>;
}

const CHECKS: Check[] = [
  { name: 'tensorflow-gpu', trains: true, why: 'CUDA through libtensorflow', check: () => importNative('@tensorflow/tfjs-node-gpu') },
  { name: 'tensorflow', trains: true, why: 'native libtensorflow on the CPU (all cores)', check: () => importNative('@tensorflow/tfjs-node') },
  {
    name: 'webgpu',
    trains: true,
    why: 'WebGPU through Dawn for Node',
    check: async () => {
      if (!installed('webgpu') || !installed('@tensorflow/tfjs-backend-webgpu')) return 'the webgpu packages are not installed';
      return (await hasWebGpuAdapter()) ? null : 'no WebGPU adapter (no GPU, or no Vulkan driver) on this machine';
    },
  },
  {
    name: 'native',
    trains: true,
    get why() {
      return `our native kernels (${nativeSimd()}) for convolutions, matmuls and batch-norm on every core, wasm for the other ops`;
    },
    check: async () => {
      if (!installed('@tensorflow/tfjs-backend-wasm')) return '@tensorflow/tfjs-backend-wasm is not installed';
      const { addon, problem } = loadNativeAddon();
      return addon ? null : problem;
    },
  },
  {
    name: 'wasm',
    trains: true,
    why: 'WebAssembly SIMD (XNNPACK) with our Conv2D gradient kernels',
    check: async () => (installed('@tensorflow/tfjs-backend-wasm') ? null : '@tensorflow/tfjs-backend-wasm is not installed'),
  },
  { name: 'cpu', trains: false, why: 'plain JavaScript: correct, but ~1000x slower than wasm for training; kept as the reference', check: async () => null },
];

/** Every engine in preference order: present or not, whether it trains, and why. */
export async function describeEngines(): Promise<EngineCandidate[]> {
  const out: EngineCandidate[] = [];
  for (const c of CHECKS) {
    const problem = await c.check();
    out.push({ name: c.name, available: problem === null, trains: problem === null && c.trains, reason: problem ?? c.why });
  }
  return out;
}

/** Threads an engine will run on once started (the worker's report has the real count). */
export function expectedThreads(name: EngineName): number {
  if (name === 'native') return nativeThreads(os.availableParallelism());
  return name === 'tensorflow' || name === 'tensorflow-gpu' ? os.availableParallelism() : 1;
}
