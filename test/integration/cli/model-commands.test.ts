import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelInfo, PredictionReport, RunDetail } from '../../../src-main/core/api.ts';
import { CLASS_NAMES, NUM_CLASSES } from '../../../src-common/classes.ts';
import { decodeToGray } from '../../../src-main/core/datasets/image-folder-reader.ts';
import { cli } from '../../helpers/capture-io.ts';
import { stratifiedFerRows, writeFerCsv, type FerRow } from '../../helpers/fer-rows.ts';
import { plainTfjsPredict } from '../../helpers/plain-tfjs.ts';
import { tempDir } from '../../helpers/temp-workspace.ts';

const tmp = tempDir('fer-model-cli-');
const ws = ['--workspace', tmp.path('w.db')];
let runId: number;
let testRows: FerRow[];
const SECRET = 'password=hunter2';

const gray = (r: FerRow) => sharp(Buffer.from(r.pixels), { raw: { width: 48, height: 48, channels: 1 } });

beforeAll(async () => {
  const rows = [...(await stratifiedFerRows(20, { split: 'Training' })), ...(await stratifiedFerRows(3, { split: 'PublicTest' }))];
  testRows = await stratifiedFerRows(1, { split: 'PrivateTest' });
  writeFerCsv(tmp.path('fer.csv'), rows);
  expect((await cli('import', tmp.path('fer.csv'), ...ws)).code).toBe(0);
  const r = await cli('train', '--model', 'cnn-tiny', '--epochs', '2', '--lr', '0.003', '--json', ...ws);
  expect(r.code, r.err.join('\n')).toBe(0);
  runId = (r.json() as { run: RunDetail }).run.id;

  // The folder `predict` gets: real faces as PNG, an RGB JPEG of another size, a text file, a truncated PNG.
  const dir = tmp.path('images');
  mkdirSync(dir);
  await gray(testRows[0]!).png().toFile(tmp.path('images/face-1.png'));
  await gray(testRows[3]!).png().toFile(tmp.path('images/face-2.png'));
  const rgb = Buffer.alloc(48 * 48 * 3);
  testRows[5]!.pixels.forEach((p, i) => rgb.set([p, Math.round(p * 0.8), Math.round(p * 0.6)], i * 3));
  await sharp(rgb, { raw: { width: 48, height: 48, channels: 3 } }).resize(120, 90, { fit: 'fill' }).jpeg({ quality: 90 }).toFile(tmp.path('images/photo.jpg'));
  writeFileSync(tmp.path('images/notes.txt'), `${SECRET}\n`);
  const png = readFileSync(tmp.path('images/face-1.png'));
  writeFileSync(tmp.path('images/truncated.png'), png.subarray(0, Math.floor(png.length / 2)));
}, 180_000);
afterAll(() => tmp.cleanup());

describe('fer-studio export-model and predict', () => {
  it('the RGB JPEG really is RGB and another size (what the test claims)', async () => {
    const meta = await sharp(tmp.path('images/photo.jpg')).metadata();
    expect([meta.width, meta.height, meta.channels]).toEqual([120, 90, 3]);
  });

  it('predict on a folder: good images predicted, each bad file named with its reason, no contents echoed', async () => {
    const r = await cli('predict', String(runId), tmp.path('images'), '--json', ...ws);
    expect(r.code, r.err.join('\n')).toBe(0);
    const report = r.json() as PredictionReport;
    expect(report.predictions.map((p) => p.file)).toEqual(['face-1.png', 'face-2.png', 'photo.jpg'].map((f) => tmp.path(`images/${f}`)));
    for (const p of report.predictions) {
      expect(p.probabilities).toHaveLength(NUM_CLASSES);
      expect(p.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
      expect(p.predicted).toBe(p.probabilities.indexOf(Math.max(...p.probabilities)));
    }
    expect(report.errors).toEqual([
      { file: tmp.path('images/notes.txt'), reason: expect.stringMatching(/^unreadable image \(.*unsupported image format/) },
      { file: tmp.path('images/truncated.png'), reason: expect.stringMatching(/^unreadable image \(/) },
    ]);
    expect(r.err).toEqual(report.errors.map((e) => `${e.file}: ${e.reason}`));
    expect(JSON.stringify(r)).not.toContain('hunter2');
  }, 60_000);

  it('export-model writes standard TF.js files that plain TF.js loads and that predict what `predict` does, within 1e-4', async () => {
    const out = tmp.path('exported');
    const e = await cli('export-model', String(runId), '--out', out, ...ws);
    expect(e.code, e.err.join('\n')).toBe(0);
    expect(e.out[0]).toMatch(new RegExp(`^Exported run ${runId} to .*model\\.json, weights\\.bin, model-info\\.json`));
    expect(readdirSync(out).sort()).toEqual(['model-info.json', 'model.json', 'weights.bin']);
    const info = JSON.parse(readFileSync(`${out}/model-info.json`, 'utf8')) as ModelInfo;
    expect(info).toMatchObject({ runId, model: 'cnn-tiny', classNames: [...CLASS_NAMES], input: { height: 48, width: 48, channels: 1 }, flipAverage: true });
    expect(info.preprocessing.normalization.std).toBeGreaterThan(10);

    const files = ['face-1.png', 'face-2.png', 'photo.jpg'].map((f) => tmp.path(`images/${f}`));
    const app = (await cli('predict', String(runId), ...files, '--json', ...ws)).json() as PredictionReport;
    // The plain program gets the pixels as model-info.json's decode step describes (sharp: gray, 48x48 fill).
    const pixels = await Promise.all(files.map(async (f) => (await decodeToGray(readFileSync(f))).pixels));
    const plain = await plainTfjsPredict(out, pixels, tmp.dir);
    let maxDiff = 0;
    app.predictions.forEach((p, i) => p.probabilities.forEach((v, c) => (maxDiff = Math.max(maxDiff, Math.abs(v - plain[i]![c]!)))));
    expect(maxDiff).toBeLessThan(1e-4);
  }, 60_000);

  it('predict --out writes CSV (header, one row per image) and never replaces a file without --force', async () => {
    const out = tmp.path('preds.csv');
    const r = await cli('predict', 'latest', tmp.path('images'), '--out', out, ...ws);
    expect(r.code).toBe(0);
    expect(r.out[0]).toBe(`Predicted 3 images with run ${runId} into ${out}; 2 skipped (above).`);
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
    expect(lines[0]).toBe(`file,predicted,${CLASS_NAMES.join(',')}`);
    expect(lines).toHaveLength(4);
    expect(lines[3]).toMatch(new RegExp(`^${tmp.path('images/photo.jpg')},(${CLASS_NAMES.join('|')})(,0\\.\\d{6}){7}$`));
    const again = await cli('predict', 'latest', tmp.path('images'), '--out', out, ...ws);
    expect(again.code).toBe(1);
    expect(again.err.join('\n')).toContain('already exists (--force replaces it)');
  }, 60_000);

  it('clear errors: no image at all, a missing run, a bad run id, a non-empty export folder', async () => {
    const none = await cli('predict', String(runId), tmp.path('images/notes.txt'), tmp.path('missing.png'), ...ws);
    expect(none.code).toBe(1);
    expect(none.err).toContain(`${tmp.path('missing.png')}: no such file or folder`);
    expect(none.err.at(-1)).toBe('No image could be predicted (2 files skipped).');
    expect((await cli('predict', '99', tmp.path('images'), ...ws)).err.join('\n')).toContain('No run with id 99');
    const bad = await cli('export-model', 'abc', '--out', tmp.path('x'), ...ws);
    expect(bad.code).toBe(2);
    expect(bad.err[0]).toContain("'abc' is not a run id");
    const full = await cli('export-model', '--out', tmp.path('images'), ...ws);
    expect(full.code).toBe(1);
    expect(full.err[0]).toContain('already exists and is not empty');
  }, 60_000);
});
