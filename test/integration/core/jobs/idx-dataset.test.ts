import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { followJob } from '../../../../src-main/cli/follow-job.ts';
import { floatsFromBlob } from '../../../../src-main/core/store/latest.ts';
import { FASHION_MNIST_DIR, fashionMnistSlice } from '../../../helpers/idx-files.ts';
import { studioPerSuite } from '../../../helpers/studio-per-suite.ts';
import { csvLine, writeCsv } from '../../../helpers/fer-fixtures.ts';

const quietIo = { out: () => {}, err: () => {} };

// A dataset that is not FER2013, end to end on real rows: 10 classes of 28x28 images (Fashion-MNIST's first 1,200
// training and 300 test images) imported from IDX files, trained, scanned, relabelled and exported.
describe.skipIf(!existsSync(FASHION_MNIST_DIR))('a 10-class 28x28 dataset (real Fashion-MNIST rows) from import to scan', () => {
  const suite = studioPerSuite();
  const { tmp } = suite;

  it('imports the IDX folder as its own dataset: class names, working size, splits', async () => {
    const folder = await fashionMnistSlice((mkdirSync(tmp.path('fm')), tmp.path('fm')), 1200, 300);
    const report = await suite.api.importIdx({ path: folder, classes: 'fashion-mnist', strict: true });
    expect(report).toMatchObject({ imported: 1500, skipped: [] });
    expect(report.counts.Training.reduce((a, b) => a + b, 0)).toBe(1080);
    expect(report.counts.PublicTest.reduce((a, b) => a + b, 0)).toBe(120);
    expect(report.counts.PrivateTest.reduce((a, b) => a + b, 0)).toBe(300);
    const info = await suite.api.info({});
    expect(info.dataset).toMatchObject({ name: 'Fashion-MNIST', side: 28, classes: expect.arrayContaining(['T-shirt/top', 'Ankle boot']) });
    expect(info.counts.Training).toHaveLength(10);
    const first = (await suite.api.listSamples({ split: 'Training' })).ids[0]!;
    expect(suite.studio.workspace.samples.get(first)).toMatchObject({ width: 28, height: 28 });
    // The same folder again writes nothing; FER2013 cannot join a Fashion-MNIST workspace.
    expect((await suite.api.importIdx({ path: folder, classes: 'fashion-mnist', strict: false })).alreadyPresent).toBe(true);
    await expect(suite.api.importFer2013({ path: writeCsv(tmp.path('fer.csv'), [csvLine(0, 3)]), strict: false })).rejects.toThrow(
      'This workspace holds Fashion-MNIST (10 classes: T-shirt/top, Trouser, Pullover, Dress, Coat, Sandal, Shirt, Sneaker, …); the import has 7 (angry, disgust, fear, happy, sad, surprise, neutral). Import it into a new workspace.',
    );
    expect((await suite.api.info({})).samples).toBe(1500);
  });

  it('trains a 28x28 model into 10 classes that beats chance by far on the clean test split', async () => {
    const { jobId, runId } = await suite.api.startTrain({ model: 'cnn-tiny', epochs: 4, seed: 2 });
    const job = await followJob(suite.studio, jobId, quietIo);
    expect(job.error ?? null).toBeNull();
    const run = await suite.api.getRun({ id: runId });
    expect(run.test!.perClass).toHaveLength(10);
    expect(run.test!.confusion).toHaveLength(10);
    expect(run.testAccuracy!).toBeGreaterThan(0.5); // chance: 0.1
    const row = suite.studio.workspace.db.prepare('SELECT probs FROM predictions WHERE run_id = ? LIMIT 1').get(runId) as { probs: Buffer };
    expect(floatsFromBlob(row.probs)).toHaveLength(10);
  }, 240_000);

  it('scans out-of-fold and queues flags whose probabilities cover the 10 classes', async () => {
    const { jobId, scanId } = await suite.api.startScan({ model: 'cnn-tiny', folds: 2, epochs: 3, seed: 3 });
    const job = await followJob(suite.studio, jobId, quietIo);
    expect(job.error ?? null).toBeNull();
    const queue = await suite.api.reviewQueue({ scanId, limit: 5 });
    expect(queue.total).toBeGreaterThan(0);
    expect(queue.items[0]!.probs).toHaveLength(10);
    expect(queue.items[0]!.probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 3);
    expect(queue.items.every((f) => f.suggested >= 0 && f.suggested < 10)).toBe(true);
    const overview = await suite.api.scanOverview({ scanId });
    expect(overview.estimatedErrors).toHaveLength(10);
  }, 240_000);

  it('relabels into class 9 by id, refuses a class 10, and exports one folder per class name (a "/" made safe)', async () => {
    const first = (await suite.api.listSamples({ split: 'Training', label: 0 })).ids[0]!;
    expect((await suite.api.setLabel({ ids: [first], label: 9 })).changed).toBe(1);
    await expect(suite.api.setLabel({ ids: [first], label: 10 })).rejects.toThrow('label: class 10 does not exist (this dataset has 10 classes, 0..9).');
    await expect(suite.api.reviewQueue({ given: 12 })).rejects.toThrow('given: class 12 does not exist');
    const out = tmp.path('export');
    await suite.api.exportFolders({ out, includeExcluded: false });
    expect(readdirSync(`${out}/Training`).sort()).toEqual(['Ankle boot', 'Bag', 'Coat', 'Dress', 'Pullover', 'Sandal', 'Shirt', 'Sneaker', 'T-shirt-top', 'Trouser']);
    expect(readdirSync(`${out}/Training/Ankle boot`)).toContain(`${first}.png`);
  }, 60_000);
});
