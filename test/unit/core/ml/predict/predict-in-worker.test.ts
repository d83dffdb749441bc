import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { predictInWorker } from '../../../../../src-main/core/ml/predict/predict-in-worker.ts';
import { PREDICT_WORKER_ENTRY } from '../../../../../src-main/core/jobs/worker-entries.ts';

/** What Electron's utilityProcess.fork returns, as far as the channel uses it: postMessage, events, kill. */
class FakeUtilityProcess extends EventEmitter {
  pid = 4242;
  sent: unknown[] = [];
  stderr = new EventEmitter();
  postMessage(m: unknown): void {
    this.sent.push(m);
  }
  kill(): boolean {
    return true;
  }
}

const request = { modelDir: '/runs/1/model', pixels: new Uint8Array(2304), count: 1, side: 48, flipAverage: true };

describe('predictInWorker', () => {
  it('starts the predict worker through the given launcher (a utilityProcess in Electron) and resolves with its answer', async () => {
    const fake = new FakeUtilityProcess();
    const launched: string[] = [];
    const pending = predictInWorker(request, (entry) => (launched.push(entry), fake));
    expect(launched).toEqual([PREDICT_WORKER_ENTRY]);
    expect(fake.sent).toEqual([{ type: 'predict', ...request }]);
    const probs = Float32Array.from([0.1, 0.2, 0.3, 0.1, 0.1, 0.1, 0.1]);
    fake.emit('message', { type: 'result', probs });
    fake.emit('exit', 0);
    expect(await pending).toBe(probs);
  });

  it("rejects with the worker's own error, or with its last stderr line when it dies without a word", async () => {
    const failing = new FakeUtilityProcess();
    const a = predictInWorker(request, () => failing);
    failing.emit('message', { type: 'failed', error: 'No checkpoint in /runs/1/model' });
    await expect(a).rejects.toThrow('Prediction failed: No checkpoint in /runs/1/model');

    const dying = new FakeUtilityProcess();
    const b = predictInWorker(request, () => dying);
    dying.stderr.emit('data', 'Error: out of memory\n    at somewhere (x.ts:1:1)\n');
    dying.emit('exit', 134);
    await expect(b).rejects.toThrow('The predict worker ended unexpectedly (exit code 134). Last message: Error: out of memory');
  });
});
