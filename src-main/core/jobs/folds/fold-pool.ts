/**
 * Runs the rounds of a scan in several fold workers at once and collects their held-out probabilities.
 * One wasm engine uses one core; two workers on a 2-core machine halve a CPU scan. Workers are Node child
 * processes, or worker threads inside Electron (launch-thread-worker.ts says why).
 * Any failure or an abort stops every worker (cancel message, then kill) and rejects.
 */
import os from 'node:os';
import type { EpochMetrics } from '../../api/events.ts';
import type { ScanConfig } from '../../api/noise-api.ts';
import { CancelledError, type ImageSet } from '../../ml/train.ts';
import { launchNodeWorker } from '../launch-node-worker.ts';
import { launchThreadWorker, type FoldChild } from './launch-thread-worker.ts';
import { FOLD_WORKER_ENTRY } from '../worker-entries.ts';
import { lastLine } from '../worker-channel.ts';
import { shapeOf } from '../../ml/image-set.ts';
import type { FromFoldWorker, ToFoldWorker } from './fold-messages.ts';
import type { FoldResult } from '../../ml/noise/train-fold.ts';

/** The cores shared out between the workers (the native engine's kernels are threaded; wasm ignores it). */
export function nativeThreadsPerWorker(workers: number): number {
  return Math.max(1, Math.floor(os.availableParallelism() / workers));
}


export interface BatchReport {
  epoch: number;
  batch: number;
  batches: number;
  loss: number;
  imagesPerSecond: number;
}

export interface FoldPoolOptions {
  config: ScanConfig;
  set: ImageSet;
  folds: Int32Array;
  /** The rounds to train (a resumed scan leaves out those it has). */
  rounds: readonly number[];
  workers: number;
  /** Where each round keeps its model, by round. */
  modelDirs: string[];
  /** Each round also embeds the samples it scores (FoldResult.embedding). */
  embed?: boolean;
  signal: AbortSignal;
  onBatch(round: number, b: BatchReport): void;
  onEpoch(round: number, m: EpochMetrics): void;
  /** Each round's result as soon as it is done, before the others finish. */
  onResult?(round: number, result: FoldResult): void;
  /** How a worker starts: by default a child process, a worker thread inside Electron. */
  launch?: (entry: string, args: string[]) => unknown;
}

/** The default fold worker launcher: no Node child can be forked inside the packaged app (RunAsNode fuse off). */
export const defaultFoldLauncher = (): ((entry: string, args: string[]) => unknown) => (process.versions.electron ? launchThreadWorker : launchNodeWorker);

/** Probabilities of each round's scored samples, by round. */
export function runFoldPool(opts: FoldPoolOptions): Promise<Map<number, Float32Array>> {
  const launch = opts.launch ?? defaultFoldLauncher();
  const results = new Map<number, Float32Array>();
  const children: FoldChild[] = [];
  const retired = new Set<FoldChild>(); // workers let go once no round is left: their exit is expected
  let nextRound = 0;
  let received = 0;
  let settled = false;

  return new Promise((resolve, reject) => {
    const stopAll = (why: Error) => {
      if (settled) return;
      settled = true;
      opts.signal.removeEventListener('abort', onAbort);
      for (const c of children) {
        if (c.connected) c.send({ type: 'cancel' } satisfies ToFoldWorker);
        setTimeout(() => c.kill(), 2_000).unref();
      }
      reject(why);
    };
    const onAbort = () => stopAll(new CancelledError('The scan was cancelled.'));
    if (opts.signal.aborted) return onAbort();
    opts.signal.addEventListener('abort', onAbort);

    const giveRound = (child: FoldChild) => {
      if (nextRound < opts.rounds.length) child.send({ type: 'round', round: opts.rounds[nextRound++]! } satisfies ToFoldWorker);
      else {
        retired.add(child);
        child.disconnect();
      }
    };

    if (opts.rounds.length === 0) {
      settled = true;
      opts.signal.removeEventListener('abort', onAbort);
      return resolve(results);
    }
    const count = Math.max(1, Math.min(opts.workers, opts.rounds.length));
    for (let w = 0; w < count; w++) {
      const child = launch(FOLD_WORKER_ENTRY, [`--native-threads=${nativeThreadsPerWorker(count)}`]) as FoldChild;
      children.push(child);
      let stderr = '';
      child.stderr?.on('data', (chunk) => (stderr = (stderr + String(chunk)).slice(-2000)));
      child.on('message', (raw) => {
        const m = raw as FromFoldWorker;
        if (settled) return;
        if (m.type === 'batch') opts.onBatch(m.round, m);
        else if (m.type === 'epoch') opts.onEpoch(m.round, m.metrics);
        else if (m.type === 'failed') stopAll(new Error(m.error));
        else if (m.type === 'result') {
          results.set(m.round, m.probs);
          opts.onResult?.(m.round, { probs: m.probs, embedding: m.embedding, seconds: m.seconds });
          if (++received === opts.rounds.length) {
            settled = true;
            opts.signal.removeEventListener('abort', onAbort);
            for (const c of children) if (c.connected) c.disconnect();
            resolve(results);
          } else giveRound(child);
        }
      });
      child.on('exit', (code) => {
        if (!settled && !retired.has(child)) {
          stopAll(new Error(`A fold worker ended unexpectedly (exit code ${code ?? 'none'}).${lastLine(stderr)}`));
        }
      });
      child.send({ type: 'init', config: opts.config, pixels: opts.set.pixels, labels: opts.set.labels, ...shapeOf(opts.set), mirrorable: opts.set.mirrorable !== false, folds: opts.folds, modelDirs: opts.modelDirs, embed: opts.embed ?? false } satisfies ToFoldWorker);
      giveRound(child);
    }
  });
}
