import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp-workspace.ts';
import { openStudioWithScan, type OpenStudio } from './helpers/studio-page.ts';

/** How the studio looks where the first review found it wrong. */
const tmp = tempDir('fer-e2e-look-');
let app: OpenStudio;

beforeAll(async () => {
  app = await openStudioWithScan(tmp.path('w.db'));
});
afterAll(async () => {
  await app?.close();
  tmp.cleanup();
});

/** Relative luminance (0 black .. 1 white) of a CSS rgb()/rgba() colour; a transparent one counts as not set (-1). */
const luminance = (css: string): number => {
  const [r, g, b, a = 1] = css.match(/[\d.]+/g)!.map(Number);
  return a === 0 ? -1 : (0.2126 * r! + 0.7152 * g! + 0.0722 * b!) / 255;
};

describe('Dark theme', () => {
  it("dropdown lists are dark too (their options' colours)", async () => {
    const { page } = app;
    await page.locator('[data-cell="0"] img').waitFor();
    if ((await page.evaluate(() => document.documentElement.dataset.theme)) !== 'dark') await page.getByRole('button', { name: 'Switch to dark theme' }).click();
    const option = page.getByTestId('filter-label').locator('option').nth(1);
    const [bg, fg] = await option.evaluate((o) => [getComputedStyle(o).backgroundColor, getComputedStyle(o).color]);
    expect(luminance(bg!)).toBeGreaterThanOrEqual(0);
    expect(luminance(bg!)).toBeLessThan(0.2);
    expect(luminance(fg!)).toBeGreaterThan(0.7);
    await app.screenshot('look-dark-dataset');
  });
});
