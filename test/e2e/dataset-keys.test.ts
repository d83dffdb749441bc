import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp-workspace.ts';
import { openStudioWithScan, type OpenStudio } from './helpers/studio-page.ts';

/** The Dataset view's keys and filters on real FER2013 rows with a FER+-votes scan. */
const tmp = tempDir('fer-e2e-dataset-keys-');
let app: OpenStudio;

const labelOf = (id: number) => app.studio.workspace.samples.get(id)!.label;
const cellId = async (index: number) => Number(await app.page.locator(`[data-cell="${index}"]`).getAttribute('data-id'));

beforeAll(async () => {
  app = await openStudioWithScan(tmp.path('w.db'));
});
afterAll(async () => {
  await app?.close();
  tmp.cleanup();
});

describe('Dataset keys act on what the focus ring shows', () => {
  it('click a sample, move with the arrows, press a number: the focused sample is relabelled, and the panel shows it', async () => {
    const { page } = app;
    await page.locator('[data-cell="0"] img').waitFor();
    const [first, third] = [await cellId(0), await cellId(2)];
    const [firstLabel, thirdLabel] = [labelOf(first), labelOf(third)];
    const sad = 4;
    expect(thirdLabel).not.toBe(sad);
    await page.locator('[data-cell="0"]').click();
    await page.getByTestId('sample-panel').getByRole('heading', { name: `Sample #${first}` }).waitFor();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press(String(sad + 1));
    await expect.poll(() => labelOf(third)).toBe(sad);
    expect(labelOf(first)).toBe(firstLabel);
    await page.getByTestId('sample-panel').getByRole('heading', { name: `Sample #${third}` }).waitFor();
    await app.screenshot('dataset-keys-focused');

    // with the panel closed, the focused cell is still what a key acts on
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('sample-panel').count()).toBe(0);
    await page.keyboard.press('ArrowRight');
    const fourth = await cellId(3);
    const surprise = labelOf(fourth) === 5 ? 6 : 5;
    await page.keyboard.press(String(surprise + 1));
    await expect.poll(() => labelOf(fourth)).toBe(surprise);
    expect(labelOf(third)).toBe(sad);
    expect(app.errors).toEqual([]);
  });
});
