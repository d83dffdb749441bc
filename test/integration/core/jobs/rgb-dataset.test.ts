import { copyFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { followJob } from '../../../../src-main/cli/follow-job.ts';
import { Random } from '../../../../src-main/core/ml/random.ts';
import { studioPerSuite } from '../../../helpers/studio-per-suite.ts';

const quietIo = { out: () => {}, err: () => {} };
const CLASSES = ['blue', 'green', 'red'] as const;
const PRIMARY = { red: 0, green: 1, blue: 2 } as const;
/** BT.601 luma weights: each image's colour is chosen at a random luma, the same range for every class. */
const LUMA = [0.299, 0.587, 0.114];
const FORMATS = ['png', 'jpg', 'webp'] as const;

/**
 * An image of `cls` at a random size (16-60 px, not square) and format: its class's primary channel raised over a
 * dim base so that its gray level (luma) is a random 25-45 whatever the class, plus per-pixel noise. The colour
 * tells the classes apart; a grayscale conversion would not.
 */
async function drawImage(cls: (typeof CLASSES)[number], rnd: Random, file: string): Promise<void> {
  const width = 16 + rnd.int(45);
  const height = 16 + rnd.int(45);
  const base = 20;
  const luma = rnd.uniform(25, 45);
  const p = PRIMARY[cls];
  const colour = [base, base, base];
  colour[p] = (luma - base * (1 - LUMA[p]!)) / LUMA[p]!;
  const alpha = file.endsWith('.png');
  const channels = alpha ? 4 : 3;
  const px = Buffer.alloc(width * height * channels);
  for (let i = 0; i < width * height; i++) {
    for (let c = 0; c < 3; c++) px[i * channels + c] = Math.max(0, Math.min(255, Math.round(colour[c]! + rnd.uniform(-12, 12))));
    if (alpha) px[i * channels + 3] = 255;
  }
  const img = sharp(px, { raw: { width, height, channels } });
  await (file.endsWith('.png') ? img.png() : file.endsWith('.jpg') ? img.jpeg({ quality: 92 }) : img.webp({ quality: 92 })).toFile(file);
}

// Colour (RGB) working images end to end: an image folder of colour images of mixed sizes and formats whose
// classes only their colour tells apart, imported with channels 3, trained, scanned and predicted on.
describe('an RGB image folder whose classes are colours, from import to prediction', () => {
  const suite = studioPerSuite();
  const { tmp } = suite;
  let runId: number;

  beforeAll(async () => {
    const rnd = new Random(5);
    for (const [split, n] of [['train', 60], ['val', 10], ['test', 10]] as const) {
      for (const cls of CLASSES) {
        const dir = join(tmp.dir, 'colours', split, cls);
        mkdirSync(dir, { recursive: true });
        for (let i = 0; i < n; i++) await drawImage(cls, rnd, join(dir, `${i}.${FORMATS[i % 3]}`));
      }
    }
    // Two red images filed as green: label noise for the scan to find. One exact copy: a duplicate to group.
    for (let i = 0; i < 2; i++) await drawImage('red', rnd, join(tmp.dir, 'colours', 'train', 'green', `wrong-${i}.png`));
    copyFileSync(join(tmp.dir, 'colours', 'train', 'blue', '0.png'), join(tmp.dir, 'colours', 'train', 'blue', 'copy-of-0.png'));
    mkdirSync(join(tmp.dir, 'new'));
    await drawImage('red', rnd, join(tmp.dir, 'new', 'a-red.jpg'));
    await drawImage('blue', rnd, join(tmp.dir, 'new', 'b-blue.webp'));
    await drawImage('green', rnd, join(tmp.dir, 'new', 'c-green.png'));
  });

  it('imports with channels 3: the dataset is RGB and each sample holds side x side x 3 bytes', async () => {
    const report = await suite.api.importFolder({ path: join(tmp.dir, 'colours'), side: 24, channels: 3, strict: true });
    expect(report).toMatchObject({ imported: 243, resized: 243, skipped: [] });
    expect(report.counts).toEqual({ Training: [61, 62, 60], PublicTest: [10, 10, 10], PrivateTest: [10, 10, 10] });
    expect(await suite.api.dataset({})).toMatchObject({ name: 'colours', classes: ['blue', 'green', 'red'], side: 24, channels: 3 });
    const wrong = suite.studio.workspace.db.prepare("SELECT pixels FROM samples WHERE source_ref = 'train/green/wrong-0.png'").get() as { pixels: Buffer };
    expect(wrong.pixels.length).toBe(24 * 24 * 3);
    // Red over green and blue in every pixel's channel order (R, G, B).
    const mean = [0, 1, 2].map((c) => wrong.pixels.reduce((s, v, i) => (i % 3 === c ? s + v : s), 0) / (24 * 24));
    expect(mean[0]).toBeGreaterThan(mean[1]! + 30);
    expect(mean[0]).toBeGreaterThan(mean[2]! + 30);
    expect((await suite.api.duplicates({})).exactGroups).toBe(1);
  });

  it('trains a 3-class 24x24 RGB model far above chance, and above what gray levels allow, on the test split', async () => {
    const started = await suite.api.startTrain({ model: 'cnn-tiny', epochs: 5, seed: 1, batchSize: 32 });
    runId = started.runId;
    const job = await followJob(suite.studio, started.jobId, quietIo);
    expect(job.error ?? null).toBeNull();
    const run = await suite.api.getRun({ id: runId });
    expect(run.test!.perClass).toHaveLength(3);
    // Chance: 1/3. The same folder imported grayscale (channels 1) and trained alike reached 0.53 (measured); RGB, 1.0.
    expect(run.testAccuracy!).toBeGreaterThan(0.9);
  }, 120_000);

  it('scans out-of-fold with 3-channel folds: the two red images filed as green are among the top flags, red suggested', async () => {
    const wrong = suite.studio.workspace.db.prepare("SELECT id FROM samples WHERE source_ref LIKE 'train/green/wrong-%' ORDER BY id").all().map((r) => (r as { id: number }).id);
    const { jobId, scanId } = await suite.api.startScan({ model: 'cnn-tiny', folds: 2, epochs: 6, seed: 3 });
    const job = await followJob(suite.studio, jobId, quietIo);
    expect(job.error ?? null).toBeNull();
    const queue = await suite.api.reviewQueue({ scanId, limit: 20 });
    expect(queue.items[0]!.probs).toHaveLength(3);
    const top = queue.items.slice(0, 4);
    for (const id of wrong) expect(top.map((f) => f.sampleId)).toContain(id);
    for (const f of top.filter((t) => wrong.includes(t.sampleId))) expect(f.suggested).toBe(2);
  }, 180_000);

  it('predicts RGB files by their colour, and exports a model and folders that say RGB', async () => {
    const report = await suite.api.predictFiles({ runId, paths: [join(tmp.dir, 'new')] });
    expect(report.errors).toEqual([]);
    expect(report.predictions.map((p) => report.classNames[p.predicted])).toEqual(['red', 'blue', 'green']);
    const out = tmp.path('model');
    await suite.api.exportModel({ runId, out });
    const info = JSON.parse(readFileSync(join(out, 'model-info.json'), 'utf8'));
    expect(info.input).toMatchObject({ height: 24, width: 24, channels: 3 });
    expect(info.preprocessing.decode).toMatch(/8-bit sRGB/);
    const folders = tmp.path('folders');
    await suite.api.exportFolders({ out: folders });
    const redFile = join(folders, 'Training', 'red', readdirSync(join(folders, 'Training', 'red'))[0]!);
    const { data, info: png } = await sharp(redFile).raw().toBuffer({ resolveWithObject: true });
    expect(png).toMatchObject({ width: 24, height: 24, channels: 3 });
    expect(data[0]).toBeGreaterThan(data[1]! + 30);
    await expect(suite.api.exportCsv({ out: tmp.path('x.csv') })).rejects.toThrow('fer2013.csv holds grayscale pixels; this workspace stores RGB images.');
  }, 60_000);
});
