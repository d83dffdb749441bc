import { existsSync, writeFileSync } from 'node:fs';
import { grayPng } from '../helpers/gray-png-file.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FASHION_MNIST_DIR, fashionMnistSlice } from '../helpers/idx-files.ts';
import { tempDir } from '../helpers/temp-workspace.ts';
import { openStudio, type OpenStudio } from './helpers/studio-page.ts';

/** A dataset that is not FER2013 in a real page: 10 Fashion-MNIST classes, their names, colours and keys 1-9 and 0. */
const tmp = tempDir('fer-e2e-ten-classes-');
let app: OpenStudio;
const labelOf = (id: number) => app.studio.workspace.samples.get(id)!.label;
const cellId = async (index: number) => Number(await app.page.locator(`[data-cell="${index}"]`).getAttribute('data-id'));
const FASHION = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'];

beforeAll(async () => {
  if (!existsSync(FASHION_MNIST_DIR)) return;
  const folder = await fashionMnistSlice(tmp.dir, 200, 50);
  app = await openStudio(tmp.path('w.db'), async (studio) => void (await studio.call('importIdx', { path: folder, classes: 'fashion-mnist' })));
});
afterAll(async () => {
  await app?.close();
  tmp.cleanup();
});

describe.skipIf(!existsSync(FASHION_MNIST_DIR))('a 10-class dataset in the page', () => {
  it("shows the dataset's class names and colours, and relabels with 1-9 and 0 after a click", async () => {
    const { page } = app;
    await page.getByTestId('grid-count').filter({ hasText: '250 samples' }).waitFor();
    expect(await page.getByTestId('dataset-name').textContent()).toBe('Fashion-MNIST');
    const options = await page.getByTestId('filter-label').locator('option').allTextContents();
    expect(options.filter((o) => FASHION.includes(o.trim()))).toHaveLength(10);

    // the first sample labelled T-shirt/top (class 0), so that both keys below change its label
    const ids = (await app.studio.call('listSamples', { sort: 'id' })) as { ids: number[]; labels: number[] };
    const index = ids.labels.indexOf(0);
    const id = ids.ids[index]!;
    expect(await cellId(index)).toBe(id);
    await page.locator(`[data-cell="${index}"]`).click();
    const panel = page.getByTestId('sample-panel');
    await panel.getByRole('heading', { name: `Sample #${id}` }).waitFor();
    // one relabel button per class, the tenth on key 0
    const buttons = await panel.getByRole('group', { name: 'Relabel' }).locator('button').allTextContents();
    expect(buttons.slice(0, 10).map((b) => b.replace(/\s+/g, ' ').trim())).toEqual(FASHION.map((n, c) => `${c < 9 ? c + 1 : 0} ${n}`));

    await page.keyboard.press('0');
    await expect.poll(() => labelOf(id)).toBe(9);
    const tag = page.locator(`[data-cell="${index}"] .tag`);
    await tag.filter({ hasText: 'Ankle boot' }).waitFor();
    expect(await tag.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(0, 144, 255)');
    await page.keyboard.press('5');
    await expect.poll(() => labelOf(id)).toBe(4);
    await tag.filter({ hasText: 'Coat' }).waitFor();
    expect(await page.locator('.hint').textContent()).toContain('1–9, 0 relabel');
    expect(await panel.getByRole('button', { name: 'Exclude (unusable)' }).count()).toBe(1);
    await app.screenshot('ten-classes-dataset');
    expect(app.errors).toEqual([]);
  });
});

/** Beyond ten classes the number keys run out: the panel offers a picker instead of a button per class. */
describe('a 12-class dataset in the page', () => {
  const tmp12 = tempDir('fer-e2e-twelve-classes-');
  let app12: OpenStudio;
  const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

  beforeAll(async () => {
    const lines = ['path,label'];
    for (const [i, month] of MONTHS.entries()) {
      await grayPng(tmp12.path(`img/${month}.png`), i + 1);
      lines.push(`img/${month}.png,${month}`);
    }
    writeFileSync(tmp12.path('months.csv'), lines.join('\n') + '\n');
    app12 = await openStudio(tmp12.path('w.db'), async (studio) => void (await studio.call('importFolder', { path: tmp12.path('months.csv') })));
  });
  afterAll(async () => {
    await app12?.close();
    tmp12.cleanup();
  });

  it('relabels through the picker after a click; the number keys do nothing beyond the tenth class', async () => {
    const { page, studio } = app12;
    await page.getByTestId('grid-count').filter({ hasText: '12 samples' }).waitFor();
    const ids = (await studio.call('listSamples', { sort: 'id' })) as { ids: number[]; labels: number[] };
    const index = ids.labels.indexOf(0);
    const id = ids.ids[index]!;
    await page.locator(`[data-cell="${index}"]`).click();
    const picker = page.getByTestId('sample-panel').getByTestId('class-picker');
    await picker.waitFor();
    expect(await picker.locator('option').count()).toBe(13); // the prompt and 12 classes
    await picker.selectOption({ label: 'sep' });
    const classes = studio.workspace.dataset.classes; // the labels' names, sorted: apr, aug, dec, …
    expect(classes).toEqual([...MONTHS].sort());
    await expect.poll(() => studio.workspace.samples.get(id)!.label).toBe(classes.indexOf('sep'));
    expect(await picker.inputValue()).toBe(''); // the picker asks again
    await app12.screenshot('twelve-classes-picker');
    // keys still relabel as the first ten classes
    await page.locator(`[data-cell="${index}"]`).click();
    await page.keyboard.press('0');
    await expect.poll(() => studio.workspace.samples.get(id)!.label).toBe(9);
    expect(app12.errors).toEqual([]);
  });
});
