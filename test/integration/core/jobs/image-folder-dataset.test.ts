import { cpSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { followJob } from '../../../../src-main/cli/follow-job.ts';
import { Random } from '../../../../src-main/core/ml/random.ts';
import { studioPerSuite } from '../../../helpers/studio-per-suite.ts';

const quietIo = { out: () => {}, err: () => {} };
const CLASSES = ['dark', 'light', 'split'] as const;

/** A colour image of `cls` at a random size (16-80 px, not square), tinted and noisy: PNG with alpha, or JPEG. */
async function drawImage(cls: (typeof CLASSES)[number], rnd: Random, file: string): Promise<void> {
  const width = 16 + rnd.int(65);
  const height = 16 + rnd.int(65);
  const tint = [rnd.uniform(0.7, 1.3), rnd.uniform(0.7, 1.3), rnd.uniform(0.7, 1.3)];
  const alpha = file.endsWith('.png');
  const channels = alpha ? 4 : 3;
  const px = Buffer.alloc(width * height * channels);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const base = cls === 'dark' ? 50 : cls === 'light' ? 205 : x < width / 2 ? 40 : 215;
      for (let c = 0; c < 3; c++) px[(y * width + x) * channels + c] = Math.max(0, Math.min(255, Math.round(base * tint[c]! + rnd.uniform(-25, 25))));
      if (alpha) px[(y * width + x) * channels + 3] = 255;
    }
  }
  const img = sharp(px, { raw: { width, height, channels } });
  await (alpha ? img.png() : img.jpeg({ quality: 90 })).toFile(file);
}

// Must-show of issue 20: an image folder of colour images of mixed sizes and formats, with its own class names,
// imported into an empty workspace, trained and scanned end to end.
describe('an image folder of colour images of mixed sizes, with its own classes, from import to scan', () => {
  const suite = studioPerSuite();
  const { tmp } = suite;

  beforeAll(async () => {
    const rnd = new Random(11);
    for (const [split, n] of [['train', 150], ['val', 12], ['test', 12]] as const) {
      for (const cls of CLASSES) {
        const dir = join(tmp.dir, 'shapes', split, cls);
        mkdirSync(dir, { recursive: true });
        for (let i = 0; i < n; i++) await drawImage(cls, rnd, join(dir, `${i}.${i % 3 === 0 ? 'jpg' : 'png'}`));
      }
    }
    // Three dark images filed as light: label noise as it arrives, for the scan to find.
    for (let i = 0; i < 3; i++) await drawImage('dark', rnd, join(tmp.dir, 'shapes', 'train', 'light', `wrong-${i}.png`));
  });

  it('imports at the asked working size; the folders name the classes; every image is converted to gray', async () => {
    const report = await suite.api.importFolder({ path: join(tmp.dir, 'shapes'), side: 32, strict: true });
    expect(report).toMatchObject({ imported: 525, resized: 525, skipped: [] });
    expect(report.counts).toEqual({ Training: [150, 153, 150], PublicTest: [12, 12, 12], PrivateTest: [12, 12, 12] });
    expect(await suite.api.dataset({})).toMatchObject({ name: 'shapes', classes: ['dark', 'light', 'split'], side: 32 });
    const id = (await suite.api.listSamples({ split: 'Training' })).ids[0]!;
    expect(suite.studio.workspace.samples.get(id)).toMatchObject({ width: 32, height: 32 });
    // A folder with another class, or another size, does not join this workspace's dataset.
    cpSync(join(tmp.dir, 'shapes', 'test'), join(tmp.dir, 'more'), { recursive: true });
    await expect(suite.api.importFolder({ path: join(tmp.dir, 'more'), side: 48 })).rejects.toThrow('This workspace stores 32x32 images; the import asks for 48x48.');
  });

  it('trains a 3-class 32x32 model that tells the classes apart on the test split', async () => {
    const { jobId, runId } = await suite.api.startTrain({ model: 'cnn-tiny', epochs: 6, seed: 1, batchSize: 32 });
    const job = await followJob(suite.studio, jobId, quietIo);
    expect(job.error ?? null).toBeNull();
    const run = await suite.api.getRun({ id: runId });
    expect(run.test!.perClass).toHaveLength(3);
    expect(run.testAccuracy!).toBeGreaterThan(0.6); // chance: 1/3
  }, 120_000);

  it('scans out-of-fold: 3-class probabilities, and the three dark images filed as light are the top flags, with dark suggested', async () => {
    const wrong = suite.studio.workspace.db.prepare("SELECT id FROM samples WHERE source_ref LIKE 'train/light/wrong-%' ORDER BY id").all().map((r) => (r as { id: number }).id);
    expect(wrong).toHaveLength(3);
    const { jobId, scanId } = await suite.api.startScan({ model: 'cnn-tiny', folds: 2, epochs: 15, seed: 3 });
    const job = await followJob(suite.studio, jobId, quietIo);
    expect(job.error ?? null).toBeNull();
    const queue = await suite.api.reviewQueue({ scanId, limit: 20 });
    expect(queue.items[0]!.probs).toHaveLength(3);
    const top = queue.items.slice(0, 3);
    expect(top.map((f) => f.sampleId).sort((a, b) => a - b)).toEqual(wrong);
    expect(top.map((f) => f.suggested)).toEqual([0, 0, 0]);
  }, 180_000);
});
