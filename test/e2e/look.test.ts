import { describe, expect, it } from 'vitest';
import { openStudioWithScan, studioPagePerFile } from './helpers/studio-page.ts';

/** How the studio looks where the first review found it wrong. */
const app = studioPagePerFile('fer-e2e-look-', (tmp) => openStudioWithScan(tmp.path('w.db')));

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

describe("Review's toolbar", () => {
  for (const width of [1280, 1024]) {
    it(`at ${width} px the FER+ quality line shows whole and the toolbar keeps its place after a decision`, async () => {
      const { page } = app;
      await page.setViewportSize({ width, height: width === 1280 ? 800 : 640 });
      await page.goto(`${app.server.origin}/#/review`);
      await page.reload();
      const quality = page.getByTestId('scan-quality');
      await quality.waitFor();
      expect(await quality.evaluate((el) => el.scrollWidth <= el.clientWidth && el.getBoundingClientRect().right <= window.innerWidth)).toBe(true);
      const toolbar = page.getByTestId('review-toolbar');
      const modes = page.getByRole('radiogroup', { name: 'Layout' });
      // The card's place, not its height: a card of a duplicate group is taller (its copies), and that is not a jump.
      const place = async () => {
        const card = await page.getByTestId('review-card').boundingBox();
        return { toolbar: await toolbar.boundingBox(), modes: await modes.boundingBox(), card: card && { x: card.x, y: card.y, width: card.width } };
      };
      const before = await place();
      const decided = await page.getByTestId('review-counter').textContent();
      await page.keyboard.press('k');
      await expect.poll(() => page.getByTestId('review-counter').textContent()).not.toBe(decided);
      expect(await place()).toEqual(before);
      await app.screenshot(`look-review-toolbar-${width}`);
      await page.setViewportSize({ width: 1280, height: 800 });
      expect(app.errors).toEqual([]);
    });
  }
});
