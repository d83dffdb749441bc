import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { runFoldPool, type FoldPoolOptions } from '../../../../../src-main/core/jobs/folds/fold-pool.ts';
import type { FromFoldWorker, ToFoldWorker } from '../../../../../src-main/core/jobs/folds/fold-messages.ts';
import { scanConfig } from '../../../../../src-main/core/api/noise-api.ts';

/** A child process stand-in: answers each round with `answer(round)` on the next tick. */
class FakeWorker extends EventEmitter {
  connected = true;
  killed = false;
  rounds: number[] = [];
  received: ToFoldWorker[] = [];
  stderr = new EventEmitter();
  constructor(private readonly answer: (round: number) => FromFoldWorker | null) {
    super();
  }
  send(m: ToFoldWorker): void {
    this.received.push(m);
    if (m.type !== 'round') return;
    this.rounds.push(m.round);
    const reply = this.answer(m.round);
    if (reply) setImmediate(() => this.emit('message', reply));
  }
  disconnect(): void {
    this.connected = false;
    setImmediate(() => this.emit('exit', 0));
  }
  kill(): void {
    this.killed = true;
    this.connected = false;
    this.emit('exit', null);
  }
}

function options(workers: FakeWorker[], answer: (round: number) => FromFoldWorker | null, extra: Partial<FoldPoolOptions> = {}): FoldPoolOptions {
  return {
    config: scanConfig.parse({}),
    set: { pixels: new Uint8Array(0), labels: new Int32Array(0), count: 0 },
    folds: new Int32Array(0),
    rounds: [0, 1, 2],
    workers: 2,
    modelDirs: ['/tmp/fold-1', '/tmp/fold-2', '/tmp/fold-3'],
    signal: new AbortController().signal,
    onBatch: () => {},
    onEpoch: () => {},
    launch: () => {
      const w = new FakeWorker(answer);
      workers.push(w);
      return w;
    },
    ...extra,
  };
}

const result = (round: number): FromFoldWorker => ({ type: 'result', round, probs: Float32Array.of(round), embedding: { features: Float32Array.of(-round - 1, round), dim: 2 }, seconds: { training: round, scoring: 0.5, saving: 0 } });

describe('runFoldPool', () => {
  it('spreads the rounds over the workers, sends each its data once and returns results by round', async () => {
    const workers: FakeWorker[] = [];
    const early: number[] = [];
    const embedded: number[] = [];
    const out = await runFoldPool(options(workers, result, {
      embed: true,
      onResult: (round, r) => {
        early.push(round * 10 + r.probs[0]! + r.seconds.training);
        embedded.push(r.embedding!.features[0]!);
      },
    }));
    expect([...out.keys()].sort()).toEqual([0, 1, 2]);
    expect([...out].map(([round, p]) => p[0] === round)).toEqual([true, true, true]);
    expect(early.sort()).toEqual([0, 12, 24]); // each result reported as it came, with its round's times
    expect(embedded.sort((a, b) => a - b)).toEqual([-3, -2, -1]); // and its embeddings
    for (const w of workers) expect(w.received.find((m) => m.type === 'init')).toMatchObject({ embed: true });
    expect(workers).toHaveLength(2);
    expect(workers.flatMap((w) => w.rounds).sort()).toEqual([0, 1, 2]);
    for (const w of workers) expect(w.received.filter((m) => m.type === 'init')).toHaveLength(1);
    expect(workers.every((w) => !w.connected && !w.killed)).toBe(true);
  });

  it('never starts more workers than rounds', async () => {
    const workers: FakeWorker[] = [];
    await runFoldPool(options(workers, result, { rounds: [2], workers: 4 }));
    expect(workers).toHaveLength(1);
  });

  it('runs only the rounds it is given (a resumed scan), and none when none is left', async () => {
    const workers: FakeWorker[] = [];
    const out = await runFoldPool(options(workers, result, { rounds: [1, 3] }));
    expect(workers.flatMap((w) => w.rounds).sort()).toEqual([1, 3]);
    expect([...out.keys()].sort()).toEqual([1, 3]);
    const none: FakeWorker[] = [];
    expect((await runFoldPool(options(none, result, { rounds: [] }))).size).toBe(0);
    expect(none).toHaveLength(0);
  });

  it('rejects with the worker error and stops the other workers', async () => {
    const workers: FakeWorker[] = [];
    const answer = (round: number): FromFoldWorker | null => (round === 1 ? { type: 'failed', error: 'out of memory in fold 2' } : null);
    await expect(runFoldPool(options(workers, answer))).rejects.toThrow('out of memory in fold 2');
    expect(workers[0]!.received.at(-1)).toEqual({ type: 'cancel' });
  });

  it('rejects when a worker dies without a word, naming its last stderr line', async () => {
    const workers: FakeWorker[] = [];
    const pool = runFoldPool(options(workers, () => null));
    workers[0]!.stderr.emit('data', 'Error: wasm memory exhausted\n');
    workers[0]!.connected = false;
    workers[0]!.emit('exit', 134);
    await expect(pool).rejects.toThrow(/exit code 134.*wasm memory exhausted/);
  });

  it('an abort rejects with an AbortError and sends cancel to every worker', async () => {
    const workers: FakeWorker[] = [];
    const controller = new AbortController();
    const pool = runFoldPool(options(workers, () => null, { signal: controller.signal }));
    controller.abort();
    await expect(pool).rejects.toMatchObject({ name: 'AbortError' });
    for (const w of workers) expect(w.received.at(-1)).toEqual({ type: 'cancel' });
  });
});
