/**
 * Loads FER Studio's native kernels (native/*.cc, built by node-gyp when `npm install` runs
 * scripts/build-native.mjs): convolutions, their gradients, matmul and max-pool gradient in AVX-512 /
 * AVX2 / SSE2, picked at run time, in fp32 or bf16. Optional: when the build failed (no compiler) the engine probe says
 * why and the studio trains on plain wasm.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface NativeAddon {
  /** y = act(conv(x, filter) + bias); geometry: see convGeometry in heap.ts; act 0 linear, 1 relu. */
  conv2d(x: Float32Array, filter: Float32Array, bias: Float32Array | null, y: Float32Array, geometry: Int32Array, act: number): void;
  conv2dFilterGrad(x: Float32Array, dy: Float32Array, dw: Float32Array, geometry: Int32Array): void;
  maxPoolGrad(x: Float32Array, dy: Float32Array, dx: Float32Array, geometry: Int32Array): void;
  /** dims: [batchA, batchB, m, k, n, transposeA, transposeB]. */
  matmul(a: Float32Array, b: Float32Array, c: Float32Array, dims: Int32Array): void;
  /** Training batch-norm over the last axis (channels = gamma.length): writes y, batch mean and biased variance. */
  batchNormTrain(x: Float32Array, gamma: Float32Array, beta: Float32Array, y: Float32Array, mean: Float32Array, variance: Float32Array, epsilon: number): void;
  batchNormGrad(dy: Float32Array, x: Float32Array, mean: Float32Array, variance: Float32Array, gamma: Float32Array, dx: Float32Array, dgamma: Float32Array, dbeta: Float32Array, epsilon: number): void;
  reluGrad(dy: Float32Array, x: Float32Array, dx: Float32Array): void;
  setThreads(n: number): void;
  /** Runs the convolution and matmul kernels with this instruction set (one of info().isas); throws otherwise. */
  setIsa(isa: NativeIsa): void;
  /**
   * Convolutions (both gradients too) and matmul in bf16 (inputs rounded to bf16 as the kernels pack them,
   * fp32 accumulation) or fp32; 'auto' is bf16 when the instruction set in use is avx512bf16.
   */
  setPrecision(precision: NativePrecisionSetting): void;
  /** simd: the instruction set in use; isas: those this CPU runs, best first; precision: what runs now. */
  info(): { simd: NativeIsa; threads: number; isas: NativeIsa[]; precision: NativePrecision };
}

/**
 * The native kernels' instruction sets, best first. avx512bf16 is avx512 with vdpbf16ps for bf16; elsewhere
 * bf16 runs the same packing and rounding with fp32 multiplies (slower than fp32: for tests and checks).
 * 'generic' is SSE2 on x86-64, plain C++ elsewhere.
 */
export const NATIVE_ISAS = ['avx512bf16', 'avx512', 'avx2', 'generic'] as const;
export type NativeIsa = (typeof NATIVE_ISAS)[number];
export const NATIVE_PRECISIONS = ['fp32', 'bf16', 'auto'] as const;
export type NativePrecisionSetting = (typeof NATIVE_PRECISIONS)[number];
export type NativePrecision = Exclude<NativePrecisionSetting, 'auto'>;
const isOneOf = <T extends string>(list: readonly T[], s: string): s is T => (list as readonly string[]).includes(s);

const ADDON = join('build', 'Release', 'fer_native.node');
// Not named `require`: the Electron bundle rewrites import.meta.url into a require() call.
const requireHere = createRequire(import.meta.url);

/** The addon's path: $FER_NATIVE_ADDON, else build/Release under the nearest folder above this file that has it. */
export function nativeAddonPath(): string | null {
  if (process.env.FER_NATIVE_ADDON) return process.env.FER_NATIVE_ADDON;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    if (existsSync(join(dir, ADDON))) return join(dir, ADDON);
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return null;
}

let loaded: { addon: NativeAddon | null; problem: string | null } | null = null;

/** The addon, or null and why not (FER_NATIVE=off turns it off on purpose). Loaded once per process. */
export function loadNativeAddon(): { addon: NativeAddon | null; problem: string | null } {
  if (loaded) return loaded;
  if (process.env.FER_NATIVE === 'off') return (loaded = { addon: null, problem: 'turned off by FER_NATIVE=off' });
  const path = nativeAddonPath();
  if (!path) return (loaded = { addon: null, problem: `${ADDON} was not built (npm install builds it with node-gyp; it needs g++, make and python3)` });
  let addon: NativeAddon;
  try {
    addon = requireHere(path) as NativeAddon;
  } catch (e) {
    return (loaded = { addon: null, problem: `${path} failed to load: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}` });
  }
  const problem = applyNativeEnv(addon, process.env);
  return (loaded = problem ? { addon: null, problem } : { addon, problem: null });
}

/**
 * Applies $FER_NATIVE_ISA (one of NATIVE_ISAS) and $FER_NATIVE_PRECISION (fp32, bf16 or auto; fp32 when
 * unset), for tests and measurement, to a freshly loaded addon. Returns why it cannot, or null: a wrong
 * override turns the native engine off with that reason rather than run something else than what was asked.
 */
export function applyNativeEnv(addon: NativeAddon, env: NodeJS.ProcessEnv): string | null {
  const isa = env.FER_NATIVE_ISA || undefined; // set but empty counts as unset
  const precision = env.FER_NATIVE_PRECISION || undefined;
  if (precision !== undefined && !isOneOf(NATIVE_PRECISIONS, precision)) return `FER_NATIVE_PRECISION=${precision} is not one of ${NATIVE_PRECISIONS.join(', ')}`;
  if (isa !== undefined) {
    if (!isOneOf(NATIVE_ISAS, isa)) return `FER_NATIVE_ISA=${isa} is not one of ${NATIVE_ISAS.join(', ')}`;
    const { isas } = addon.info();
    if (!isas.includes(isa)) return `FER_NATIVE_ISA=${isa}, but this CPU runs only ${isas.join(', ')}`;
    addon.setIsa(isa);
  }
  if (precision !== undefined) addon.setPrecision(precision);
  return null;
}

/** Threads for the native kernels of this process: $FER_NATIVE_THREADS, else every core. */
export function nativeThreads(cores: number): number {
  const asked = Number(process.env.FER_NATIVE_THREADS);
  return Number.isInteger(asked) && asked > 0 ? asked : cores;
}
