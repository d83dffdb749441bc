import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { followJob } from '../../../../src-main/cli/follow-job.ts';
import type { StudioClient } from '../../../../src-main/core/api.ts';
import { localClient } from '../../../../src-main/core/studio/local-client.ts';
import { Studio } from '../../../../src-main/core/studio/studio.ts';
import { FASHION_MNIST_DIR, fashionMnistSlice } from '../../../helpers/idx-files.ts';
import { tempDir } from '../../../helpers/temp-workspace.ts';

const quietIo = { out: () => {}, err: () => {} };

// Digits change class when mirrored: an MNIST-family import records that, and every run on it neither trains on
// flipped images nor averages predictions with them, whatever the settings ask. Real IDX rows stand in for digits
// (named as MNIST's classes: the labels are 0..9 either way).
describe.skipIf(!existsSync(FASHION_MNIST_DIR))('a dataset whose classes change when mirrored', () => {
  const tmp = tempDir();
  let studio: Studio;
  let api: StudioClient;

  beforeAll(async () => {
    studio = new Studio(tmp.path('w.db'));
    api = localClient(studio);
    const folder = await fashionMnistSlice((mkdirSync(tmp.path('digits')), tmp.path('digits')), 400, 100);
    await api.importIdx({ path: folder, classes: 'mnist', strict: true });
  });
  afterAll(async () => {
    await studio.close();
    tmp.cleanup();
  });

  it('is recorded at import (MNIST is not mirrorable; asked otherwise, it is)', async () => {
    expect((await api.dataset({})).mirrorable).toBe(false);
  });

  it('trains and predicts without flips even when the run asks for them, and says so in the run and the exported model', async () => {
    const { jobId, runId } = await api.startTrain({ model: 'cnn-tiny', epochs: 1, augment: { flip: true }, ttaFlip: true });
    expect((await followJob(studio, jobId, quietIo)).error ?? null).toBeNull();
    const run = await api.getRun({ id: runId });
    expect(run.config.augment.flip).toBe(false);
    expect(run.config.ttaFlip).toBe(false);
    const out = tmp.path('model');
    await api.exportModel({ runId, out });
    expect(JSON.parse(readFileSync(join(out, 'model-info.json'), 'utf8')).flipAverage).toBe(false);
  }, 120_000);
});

describe.skipIf(!existsSync(FASHION_MNIST_DIR))('an IDX import told its images mirror', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('records mirrorable: the caller knows its data better than the format default', async () => {
    const studio = new Studio(tmp.path('w.db'));
    try {
      const api = localClient(studio);
      const folder = await fashionMnistSlice((mkdirSync(tmp.path('fm')), tmp.path('fm')), 50, 10);
      await api.importIdx({ path: folder, classes: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'], mirrorable: true, strict: true });
      expect((await api.dataset({})).mirrorable).toBe(true);
    } finally {
      await studio.close();
    }
  });
});
