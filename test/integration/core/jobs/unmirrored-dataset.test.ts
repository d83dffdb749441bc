import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { followJob } from '../../../../src-main/cli/follow-job.ts';
import { FASHION_MNIST_DIR, fashionMnistSlice } from '../../../helpers/idx-files.ts';
import { studioPerSuite } from '../../../helpers/studio-per-suite.ts';

const quietIo = { out: () => {}, err: () => {} };

// Digits change class when mirrored: an MNIST-family import records that, and every run on it neither trains on
// flipped images nor averages predictions with them, whatever the settings ask. Real IDX rows stand in for digits
// (named as MNIST's classes: the labels are 0..9 either way).
describe.skipIf(!existsSync(FASHION_MNIST_DIR))('a dataset whose classes change when mirrored', () => {
  const suite = studioPerSuite();
  const { tmp } = suite;

  beforeAll(async () => {
    const folder = await fashionMnistSlice((mkdirSync(tmp.path('digits')), tmp.path('digits')), 400, 100);
    await suite.api.importIdx({ path: folder, classes: 'mnist', strict: true });
  });

  it('is recorded at import (MNIST is not mirrorable; asked otherwise, it is)', async () => {
    expect((await suite.api.dataset({})).mirrorable).toBe(false);
  });

  it('trains and predicts without flips even when the run asks for them, and says so in the run and the exported model', async () => {
    const { jobId, runId } = await suite.api.startTrain({ model: 'cnn-tiny', epochs: 1, augment: { flip: true }, ttaFlip: true });
    expect((await followJob(suite.studio, jobId, quietIo)).error ?? null).toBeNull();
    const run = await suite.api.getRun({ id: runId });
    expect(run.config.augment.flip).toBe(false);
    expect(run.config.ttaFlip).toBe(false);
    const out = tmp.path('model');
    await suite.api.exportModel({ runId, out });
    expect(JSON.parse(readFileSync(join(out, 'model-info.json'), 'utf8')).flipAverage).toBe(false);
  }, 120_000);
});

describe.skipIf(!existsSync(FASHION_MNIST_DIR))('an IDX import told its images mirror', () => {
  const suite = studioPerSuite();

  it('records mirrorable: the caller knows its data better than the format default', async () => {
    const folder = await fashionMnistSlice((mkdirSync(suite.tmp.path('fm')), suite.tmp.path('fm')), 50, 10);
    await suite.api.importIdx({ path: folder, classes: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'], mirrorable: true, strict: true });
    expect((await suite.api.dataset({})).mirrorable).toBe(true);
  });
});
