import { describe, expect, it } from 'vitest';
import { importFullFer2013, openStudio, studioPagePerFile } from './helpers/studio-page.ts';

const app = studioPagePerFile('fer-e2e-dataset-', (tmp) => openStudio(tmp.path('w.db'), importFullFer2013));

const labelOf = (id: number) => app.studio.workspace.samples.get(id)!.label;
const lastEvent = () => app.studio.workspace.db.prepare('SELECT sample_id AS sampleId, to_value AS toValue, batch_id AS batchId FROM label_events ORDER BY id DESC LIMIT 1').get() as { sampleId: number; toValue: number; batchId: number } | undefined;

describe('Dataset view on 35,887 real FER2013 samples', () => {
  it('shows the whole dataset in a virtualized grid and scrolls to the end', async () => {
    const { page } = app;
    await page.getByTestId('grid-count').filter({ hasText: '35,887 samples' }).waitFor();
    await page.locator('[data-cell="0"] img').waitFor();
    const cellsAtTop = await page.locator('[data-cell]').count();
    expect(cellsAtTop).toBeGreaterThan(20);
    expect(cellsAtTop).toBeLessThan(400); // only what is in view exists
    await page.getByTestId('sample-grid').evaluate((el) => (el.scrollTop = el.scrollHeight));
    const last = page.locator('[data-cell="35886"]');
    await last.waitFor();
    // a cell past the first page is a placeholder until the whole list has come (it is fetched on demand)
    await expect.poll(() => last.getAttribute('data-id'), { timeout: 30_000 }).toBe('35886');
    await page.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('[data-cell="35886"] img');
      return img !== null && img.complete && img.naturalWidth === 48;
    });
    expect(await page.locator('[data-cell]').count()).toBeLessThan(400);
    await app.screenshot('dataset-end');
  });

  it('opens a sample, relabels it with a key (in SQLite at once) and undoes with Z', async () => {
    const { page } = app;
    await page.getByTestId('sample-grid').focus();
    await page.keyboard.press('Home');
    await page.locator('[data-cell="0"]').waitFor();
    await page.locator('[data-cell="2"]').click();
    const panel = page.getByTestId('sample-panel');
    await panel.getByRole('heading', { name: 'Sample #2' }).waitFor();
    await panel.getByText('FER+ votes').waitFor();
    const before = labelOf(2);
    const target = before === 3 ? 6 : 3; // happy, or neutral when it is already happy
    await page.keyboard.press(String(target + 1));
    await expect.poll(() => labelOf(2)).toBe(target);
    expect(lastEvent()).toMatchObject({ sampleId: 2, toValue: target });
    await panel.getByText('was ').waitFor(); // the panel shows the original label
    await app.screenshot('dataset-sample');
    await page.keyboard.press('z');
    await expect.poll(() => labelOf(2)).toBe(before);
  });

  it('bulk-relabels a shift/ctrl-click selection as one undo step', async () => {
    const { page } = app;
    await page.keyboard.press('Escape');
    await page.locator('[data-cell="10"]').click();
    await page.locator('[data-cell="14"]').click({ modifiers: ['Shift'] });
    await page.locator('[data-cell="20"]').click({ modifiers: ['Control'] });
    const bar = page.getByTestId('bulk-bar');
    await bar.getByText('6 selected').waitFor();
    const ids = [10, 11, 12, 13, 14, 20];
    const before = ids.map(labelOf);
    await bar.getByTestId('bulk-label').selectOption('5'); // surprise
    await bar.getByTestId('bulk-apply').click();
    await expect.poll(() => ids.map(labelOf)).toEqual(ids.map(() => 5));
    const batches = app.studio.workspace.db.prepare('SELECT COUNT(DISTINCT batch_id) AS n FROM label_events WHERE sample_id IN (10,11,12,13,14,20) AND to_value = 5').get() as { n: number };
    expect(batches.n).toBe(1);
    await app.screenshot('dataset-bulk');
    await page.getByTestId('undo').click();
    await expect.poll(() => ids.map(labelOf)).toEqual(before);
  });

  it('filters by label (547 disgust in FER2013) without errors in the page', async () => {
    const { page } = app;
    await page.getByTestId('filter-label').selectOption('1'); // disgust
    await page.getByTestId('grid-count').filter({ hasText: '547 samples' }).waitFor();
    await page.getByTestId('filter-label').selectOption('');
    await page.getByTestId('grid-count').filter({ hasText: '35,887 samples' }).waitFor();
    expect(app.errors).toEqual([]);
  });

  it('switches to the dark theme and remembers it', async () => {
    const { page } = app;
    const before = await page.evaluate(() => document.documentElement.dataset.theme);
    await page.getByRole('button', { name: /Switch to (dark|light) theme/ }).click();
    const after = await page.evaluate(() => document.documentElement.dataset.theme);
    expect(after).not.toBe(before);
    await page.reload();
    await page.locator('[data-cell="0"] img').waitFor();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(after);
    if (after === 'dark') await app.screenshot('dataset-dark');
  });
});
