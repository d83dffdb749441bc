import { mkdirSync } from 'node:fs';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { openStudio, studioPagePerFile } from './helpers/studio-page.ts';

/** The first import of an image folder from the page chooses how its images are stored: size, colour, mirroring. */
const app = studioPagePerFile('fer-e2e-folder-options-', async (tmp) => {
  for (const [name, rgb] of Object.entries(CLASSES)) {
    mkdirSync(tmp.path(`data/swatches/${name}`), { recursive: true });
    // mixed sizes, each a flat colour: only colour tells the classes apart
    for (const [i, side] of [20, 40, 70].entries()) {
      await sharp({ create: { width: side, height: side + i, channels: 3, background: { r: rgb[0], g: rgb[1], b: rgb[2] } } }).png().toFile(tmp.path(`data/swatches/${name}/${i}.png`));
    }
  }
  return openStudio(tmp.path('w.db'), undefined, { dataDir: tmp.path('data') });
});
const CLASSES = { red: [200, 30, 30], green: [30, 180, 40] } as const;

describe('Import an image folder from the page into an empty workspace', () => {
  it('stores it at the size and in the colour chosen, mirroring as told; the next import keeps them', async () => {
    const { page } = app;
    await page.getByTestId('grid-empty').waitFor();
    await page.getByTestId('files-button').click();
    const dialog = page.getByTestId('files-dialog');
    await dialog.getByTestId('import-name').selectOption('swatches');
    await dialog.getByTestId('import-side').selectOption('32');
    await dialog.getByTestId('import-channels').selectOption({ label: 'colour (RGB)' });
    await dialog.getByTestId('import-mirrorable').uncheck();
    await app.screenshot('files-folder-options');
    // the keyboard, after the clicks: focus the Import button and press Enter
    await dialog.getByTestId('import-start').focus();
    await page.keyboard.press('Enter');
    await dialog.getByTestId('files-result').filter({ hasText: 'Imported 6 samples from swatches' }).waitFor({ timeout: 60_000 });
    expect(app.studio.workspace.dataset).toMatchObject({ classes: ['green', 'red'], side: 32, channels: 3, mirrorable: false });
    const pixels = app.studio.workspace.samples.pixels(0)!;
    expect(pixels.pixels.length).toBe(32 * 32 * 3);
    // with samples, the options give way to what the workspace holds
    await dialog.getByTestId('import-stored-as').filter({ hasText: '32x32 px RGB' }).waitFor();
    expect(await dialog.getByTestId('import-side').count()).toBe(0);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    await page.getByTestId('grid-count').filter({ hasText: '6 samples' }).waitFor();
    expect(app.errors).toEqual([]);
  });
});
