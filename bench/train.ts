/**
 * `npm run bench -- train [--engine E] [--model M|all] [--precision fp32|bf16|auto] [--batch N] [--steps N] [--profile] [--json] [--data FILE]`:
 * training and inference images/second per model on the chosen engine, after warm-up, on real FER2013
 * rows (the first rows of the shared fer2013.csv.gz, or of --data FILE: a FERU8 file, see
 * scripts/gpu-bundle/fer-u8.ts, as the GPU bundle carries), through the same step code as trainModel
 * (the default optimizer, our batch-norm and wasm kernels). --profile adds the top kernels of one step (tf.profile;
 * nested kernels such as the Conv2D inside our Conv2DBackpropFilter count in both).
 * --processes N runs it in N processes at once and adds up the throughput (wasm uses one core per process,
 * as the scan's fold workers do). --roofline adds the engine's best convolution speed and the ceiling
 * it puts on training img/s (bench/_roofline.ts). --precision sets the native engine's (bf16 forces it even
 * without AVX512_BF16, where it is slower: see NATIVE_ISAS); the report line says which ran.
 */
import { basename } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { Flags, parseArgs } from '../src-main/cli/args.ts';
import { ENGINE_NAMES, MODEL_NAMES } from '../src-main/core/api/train-api.ts';
import { TRAIN_DEFAULTS } from '../src-common/train-defaults.ts';
import { initEngine } from '../src-main/core/ml/engine.ts';
import { loadNativeAddon, NATIVE_PRECISIONS, type NativePrecisionSetting } from '../src-main/core/ml/native-kernels/addon.ts';
import { makeOptimizer } from '../src-main/core/ml/optimizer.ts';
import { buildModel, type ModelName } from '../src-main/core/ml/models/index.ts';
import { readFerU8 } from '../scripts/gpu-bundle/fer-u8.ts';
import { firstFerRows } from '../test/helpers/fer-rows.ts';
import { runInProcesses } from './_processes.ts';
import { roofline, type Roofline } from './_roofline.ts';

export async function run(argv: string[]): Promise<void> {
  const flags = new Flags(parseArgs(argv));
  const engine = (flags.string('engine') ?? 'auto') as (typeof ENGINE_NAMES)[number];
  const modelArg = flags.string('model') ?? 'all';
  const batch = flags.int('batch') ?? 64;
  const steps = flags.int('steps') ?? 5;
  const profile = flags.bool('profile');
  const json = flags.bool('json');
  const dataFile = flags.string('data');
  const processes = flags.int('processes') ?? 1;
  const withRoofline = flags.bool('roofline');
  const precision = flags.string('precision');
  flags.rejectUnknown();
  if (precision !== undefined && !(NATIVE_PRECISIONS as readonly string[]).includes(precision)) throw new Error(`--precision must be one of ${NATIVE_PRECISIONS.join(', ')}.`);
  if (processes > 1) return reportProcesses(processes, argv);
  if (!ENGINE_NAMES.includes(engine)) throw new Error(`--engine must be one of ${ENGINE_NAMES.join(', ')}.`);
  const models = (modelArg === 'all' ? [...MODEL_NAMES] : [modelArg]) as ModelName[];
  for (const m of models) if (!MODEL_NAMES.includes(m)) throw new Error(`--model must be one of ${MODEL_NAMES.join(', ')} or all.`);

  const report = await initEngine(engine);
  if (precision !== undefined) {
    if (report.selected !== 'native') throw new Error(`--precision applies to the native engine (this run uses ${report.selected}).`);
    loadNativeAddon().addon!.setPrecision(precision as NativePrecisionSetting);
  }
  const kernels = report.selected === 'native' ? `, ${loadNativeAddon().addon!.info().simd} ${loadNativeAddon().addon!.info().precision}` : '';
  const rows = dataFile ? readFerU8(dataFile, batch) : await firstFerRows(batch);
  const pixels = new Float32Array(batch * 2304);
  rows.forEach((r, i) => r.pixels.forEach((v, k) => (pixels[i * 2304 + k] = (v - 128) / 64)));
  const x = tf.tensor4d(pixels, [batch, 48, 48, 1]);
  const y = tf.oneHot(tf.tensor1d(rows.map((r) => r.emotion), 'int32'), 7);
  const results = [];
  for (const name of models) {
    const model = buildModel(name, 1);
    const opt = makeOptimizer(TRAIN_DEFAULTS.optimizer, TRAIN_DEFAULTS.learningRate);
    const step = () => opt.minimize(() => tf.losses.softmaxCrossEntropy(y, model.apply(x, { training: true }) as tf.Tensor), true)!;
    for (let i = 0; i < 2; i++) {
      const l = step();
      await l.data();
      l.dispose();
    }
    let t = performance.now();
    let loss = 0;
    for (let i = 0; i < steps; i++) {
      const l = step();
      loss = (await l.data())[0]!;
      l.dispose();
    }
    const trainSeconds = (performance.now() - t) / 1000;
    const infer = async () => {
      const p = tf.tidy(() => tf.softmax(model.apply(x, { training: false }) as tf.Tensor));
      await p.data();
      p.dispose();
    };
    await infer();
    t = performance.now();
    for (let i = 0; i < steps; i++) await infer();
    const inferSeconds = (performance.now() - t) / 1000;
    let top: Array<{ kernel: string; ms: number }> | undefined;
    if (profile) {
      const info = await tf.profile(async () => {
        const l = step();
        await l.data();
        l.dispose();
      });
      const byKernel = new Map<string, number>();
      for (const k of info.kernels) byKernel.set(k.name, (byKernel.get(k.name) ?? 0) + Number(k.kernelTimeMs));
      top = [...byKernel].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([kernel, ms]) => ({ kernel, ms: Math.round(ms) }));
    }
    const limit: Roofline | undefined = withRoofline ? await roofline(model) : undefined;
    results.push({ model: name, batch, steps, trainImagesPerSecond: (steps * batch) / trainSeconds, inferImagesPerSecond: (steps * batch) / inferSeconds, msPerTrainStep: (trainSeconds * 1000) / steps, loss, ...(top ? { profile: top } : {}), ...(limit ? { roofline: limit } : {}) });
    model.dispose();
    opt.dispose();
  }
  tf.dispose([x, y]);
  const out = { engine: report.selected, backend: report.backend, threads: report.threads, kernels: kernels.slice(2) || undefined, data: `first ${batch} rows of ${dataFile ? basename(dataFile) : 'fer2013.csv.gz'}`, results };
  if (json) console.log(JSON.stringify(out));
  else {
    console.log(`engine ${out.engine} (backend ${out.backend}, ${out.threads} thread${out.threads === 1 ? '' : 's'}${kernels}), ${out.data}`);
    for (const r of results) {
      console.log(`${r.model.padEnd(10)} batch ${r.batch}: train ${r.trainImagesPerSecond.toFixed(1)} img/s (${r.msPerTrainStep.toFixed(0)} ms/step), infer ${r.inferImagesPerSecond.toFixed(1)} img/s`);
      for (const p of r.profile ?? []) console.log(`    ${p.kernel.padEnd(26)} ${p.ms} ms`);
      if (r.roofline) {
        const l = r.roofline;
        console.log(`    roofline: best Conv2D ${l.convGflops.toFixed(1)} GFLOP/s; a training step needs ${l.trainGflopPerImage.toFixed(3)} GFLOP/image -> at most ${l.ceilingImagesPerSecond.toFixed(0)} img/s per ${out.threads === 1 ? 'process' : 'engine'} (measured ${(100 * r.trainImagesPerSecond / l.ceilingImagesPerSecond).toFixed(0)}% of it)`);
      }
    }
  }
}

/** `--processes N`: the same bench in N processes at once; throughput added up per model. */
async function reportProcesses(n: number, argv: string[]): Promise<void> {
  const json = argv.includes('--json');
  const childArgs: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--processes') i++;
    else if (argv[i]!.startsWith('--processes=') || argv[i] === '--json') continue;
    else childArgs.push(argv[i]!);
  }
  const children = await runInProcesses(n, childArgs);
  const models = children[0]!.results.map((r) => r.model);
  const sum = (model: string, key: 'trainImagesPerSecond' | 'inferImagesPerSecond') => children.reduce((a, c) => a + c.results.find((r) => r.model === model)![key], 0);
  const results = models.map((model) => ({ model, trainImagesPerSecond: sum(model, 'trainImagesPerSecond'), inferImagesPerSecond: sum(model, 'inferImagesPerSecond'), perProcess: children.map((c) => c.results.find((r) => r.model === model)!.trainImagesPerSecond) }));
  if (json) console.log(JSON.stringify({ engine: children[0]!.engine, processes: n, results }));
  else {
    console.log(`engine ${children[0]!.engine}, ${n} processes at once (throughput added up)`);
    for (const r of results) console.log(`${r.model.padEnd(10)} train ${r.trainImagesPerSecond.toFixed(1)} img/s (${r.perProcess.map((v) => v.toFixed(1)).join(' + ')}), infer ${r.inferImagesPerSecond.toFixed(1)} img/s`);
  }
}
