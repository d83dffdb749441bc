import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLASS_NAMES } from '../../src-common/classes.ts';
import { stratifiedFerRows, writeFerCsv, type FerRow } from '../helpers/fer-rows.ts';
import { openStudio, studioPagePerFile } from './helpers/studio-page.ts';

/** Results' "Export model…" and "Predict on images…" in the browser door: bytes down and up, no path from the page. */
const app = studioPagePerFile('fer-e2e-results-model-', async (tmp) => {
  const rows = [...(await stratifiedFerRows(25, { split: 'Training' })), ...(await stratifiedFerRows(2, { split: 'PublicTest' }))];
  writeFerCsv(tmp.path('fer.csv'), rows);
  return openStudio(tmp.path('w.db'), async (studio) => {
    await studio.call('importFer2013', { path: tmp.path('fer.csv') });
  });
}, 300_000);
const { tmp } = app;
let runId: number;
const gray = (r: FerRow) => sharp(Buffer.from(r.pixels), { raw: { width: 48, height: 48, channels: 1 } });

beforeAll(async () => {
  const started = (await app.studio.call('startTrain', { model: 'cnn-tiny', epochs: 4, learningRate: 0.003, seed: 3 })) as { jobId: string; runId: number };
  expect((await app.studio.jobs.whenEnded(started.jobId)).state).toBe('done');
  runId = started.runId;
  // What the person picks: two faces (a PNG, an RGB JPEG of another size), a text file, a truncated PNG.
  const faces = await stratifiedFerRows(1, { split: 'PrivateTest' });
  await gray(faces[3]!).png().toFile(tmp.path('happy-face.png'));
  await gray(faces[5]!).resize(96, 120, { fit: 'fill' }).toColourspace('srgb').jpeg().toFile(tmp.path('surprised.jpg'));
  writeFileSync(tmp.path('notes.txt'), 'not an image\n');
  const png = readFileSync(tmp.path('happy-face.png'));
  writeFileSync(tmp.path('cut.png'), png.subarray(0, png.length >> 1));
}, 300_000);

describe('Results: the model outside the app', () => {
  it('Export model… downloads a zip of the standard TF.js files', async () => {
    const { page } = app;
    await page.goto(`${app.server.origin}/#/results`);
    const button = page.getByTestId('export-model');
    await button.waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    expect(download.suggestedFilename()).toBe(`fer-studio-run-${runId}-cnn-tiny.zip`);
    await download.saveAs(tmp.path('model.zip'));
    const listing = execFileSync('unzip', ['-l', tmp.path('model.zip')], { encoding: 'utf8' });
    for (const f of ['model.json', 'weights.bin', 'model-info.json']) expect(listing).toContain(f);
  });

  it('Predict on images… (by keyboard): each picked image predicted, each bad one named with its reason, CSV download', async () => {
    const { page } = app;
    await page.getByTestId('predict-images').focus();
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Enter')]);
    expect(chooser.isMultiple()).toBe(true);
    await chooser.setFiles(['happy-face.png', 'notes.txt', 'surprised.jpg', 'cut.png'].map((f) => tmp.path(f)));
    const rows = page.getByTestId('prediction-row');
    await expect.poll(() => rows.count(), { timeout: 60_000 }).toBe(2);
    const texts = await rows.allInnerTexts();
    expect(texts[0]).toContain('happy-face.png');
    expect(texts[1]).toContain('surprised.jpg');
    const errors = page.getByTestId('prediction-errors');
    await expect.poll(() => errors.innerText()).toMatch(/notes\.txt: unreadable image \(.*unsupported image format/);
    expect(await errors.innerText()).toMatch(/cut\.png: unreadable image \(/);
    await page.getByTestId('predictions').scrollIntoViewIfNeeded();
    await app.screenshot('results-predict-images');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('predictions-csv').click()]);
    expect(download.suggestedFilename()).toBe(`predictions-run-${runId}.csv`);
    await download.saveAs(tmp.path('preds.csv'));
    const lines = readFileSync(tmp.path('preds.csv'), 'utf8').trimEnd().split('\n');
    expect(lines[0]).toBe(`file,predicted,${CLASS_NAMES.join(',')}`);
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['happy-face.png', 'surprised.jpg']);
    expect(app.errors.filter((e) => !e.includes('Failed to load resource'))).toEqual([]);
  }, 90_000);

  it('image files dropped on the tools are predicted like picked ones', async () => {
    const { page } = app;
    const png = readFileSync(tmp.path('happy-face.png')).toString('base64');
    const dataTransfer = await page.evaluateHandle((b64) => {
      const dt = new DataTransfer();
      dt.items.add(new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], 'dropped.png', { type: 'image/png' }));
      return dt;
    }, png);
    const zone = page.getByTestId('model-tools');
    await zone.dispatchEvent('dragover', { dataTransfer });
    await page.getByText('Drop to predict these images').waitFor();
    await zone.dispatchEvent('drop', { dataTransfer });
    await expect.poll(() => page.getByTestId('prediction-row').allInnerTexts(), { timeout: 60_000 }).toEqual([expect.stringContaining('dropped.png')]);
    expect(await page.getByTestId('prediction-errors').count()).toBe(0);
    expect(app.errors.filter((e) => !e.includes('Failed to load resource'))).toEqual([]);
  }, 90_000);
});
