import { mkdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { firstFerRows, writeFerCsv, writeFerPlusVotes } from '../helpers/fer-rows.ts';
import { openStudio, studioPagePerFile } from './helpers/studio-page.ts';

/** Import and export from the page in the browser door: only through the server's data folder, by name (real FER2013 rows). */
const ROWS = 2000;
const app = studioPagePerFile('fer-e2e-files-', async (tmp) => {
  mkdirSync(tmp.path('data'));
  const rows = await firstFerRows(ROWS);
  writeFerCsv(tmp.path('data/fer2013.csv'), rows);
  writeFerPlusVotes(tmp.path('data/fer2013new.csv'), rows);
  return openStudio(tmp.path('w.db'), undefined, { dataDir: tmp.path('data') });
});
const { tmp } = app;

describe('Import / export in the browser door', () => {
  it('imports a csv with its FER+ votes picked by name from the data folder, with progress, and the grid shows it', async () => {
    const { page } = app;
    await page.getByTestId('grid-empty').waitFor();
    await page.getByTestId('files-button').click();
    const dialog = page.getByTestId('files-dialog');
    expect(await dialog.getByTestId('data-folder').textContent()).toBe(tmp.path('data'));
    expect(await dialog.getByTestId('import-name').inputValue()).toBe('fer2013.csv');
    expect(await dialog.getByTestId('import-votes').inputValue()).toBe('fer2013new.csv'); // picked for the person
    await dialog.getByTestId('import-start').click();
    await dialog.getByTestId('files-result').filter({ hasText: `Imported ${ROWS.toLocaleString('en-US')} samples from fer2013.csv with ${ROWS.toLocaleString('en-US')} FER+ vote rows; 0 skipped` }).waitFor({ timeout: 90_000 }); // slow when the machine is shared
    expect(await dialog.getByTestId('files-progress').textContent()).toContain('done'); // the import job's events reached the page
    await app.screenshot('files-imported');
    expect(app.studio.workspace.samples.count()).toBe(ROWS);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    await page.getByTestId('grid-count').filter({ hasText: `${ROWS.toLocaleString('en-US')} samples` }).waitFor();
  });

  it('exports the cleaned csv and the diff under new names, asks before replacing, refuses paths', async () => {
    const { page } = app;
    await app.studio.call('setLabel', { ids: [0], label: 6 });
    await page.getByTestId('files-button').click();
    const dialog = page.getByTestId('files-dialog');
    expect(await dialog.getByTestId('export-name').inputValue()).toBe('fer2013-cleaned.csv');
    await dialog.getByTestId('export-start').click();
    await dialog.getByTestId('files-result').filter({ hasText: `Wrote ${tmp.path('data/fer2013-cleaned.csv')}: ${ROWS.toLocaleString('en-US')} samples` }).waitFor();
    const lines = readFileSync(tmp.path('data/fer2013-cleaned.csv'), 'utf8').split('\n');
    const original = readFileSync(tmp.path('data/fer2013.csv'), 'utf8').split('\n');
    expect(lines[1]!.startsWith('6,')).toBe(true);
    expect(lines.slice(2)).toEqual(original.slice(2)); // only the relabelled row differs

    // the same name again: asks, and replaces only when told
    await app.studio.call('setLabel', { ids: [1], label: 6 });
    await dialog.getByTestId('export-start').click();
    await dialog.getByTestId('export-exists').waitFor();
    expect(readFileSync(tmp.path('data/fer2013-cleaned.csv'), 'utf8').split('\n')[2]).toBe(original[2]);
    await dialog.getByTestId('export-replace').click();
    await dialog.getByTestId('files-result').filter({ hasText: 'fer2013-cleaned.csv' }).waitFor();
    expect(readFileSync(tmp.path('data/fer2013-cleaned.csv'), 'utf8').split('\n')[2]!.startsWith('6,')).toBe(true);

    await dialog.getByTestId('export-format').selectOption('diff');
    expect(await dialog.getByTestId('export-name').inputValue()).toBe('label-changes.csv');
    await dialog.getByTestId('export-start').click();
    await dialog.getByTestId('files-result').filter({ hasText: 'label-changes.csv: 2 changed labels' }).waitFor();
    expect(readFileSync(tmp.path('data/label-changes.csv'), 'utf8').trim().split('\n')).toHaveLength(3);
    await app.screenshot('files-exported');

    await dialog.getByTestId('export-name').fill('../outside.csv');
    await dialog.getByTestId('export-start').click();
    await dialog.getByTestId('files-problem').filter({ hasText: "name: expected a name without '/'" }).waitFor();
    await app.screenshot('files-refused');
    expect(app.errors.filter((e) => !e.includes('status of 400'))).toEqual([]); // the refused call's own 400
    expect(app.errors).toHaveLength(1);
  });
});
