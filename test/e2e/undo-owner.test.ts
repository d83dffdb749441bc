import { describe, expect, it } from 'vitest';
import { firstFerRows, writeFerCsv } from '../helpers/fer-rows.ts';
import { Studio } from '../../src-main/core/studio/studio.ts';
import { localClient } from '../../src-main/core/studio/local-client.ts';
import { openStudio, studioPagePerFile } from './helpers/studio-page.ts';

/** Undo in a page acts on the workspace's last step; a step made elsewhere is named and confirmed first (issue 18, item 7). */
const app = studioPagePerFile('fer-e2e-undo-owner-', async (tmp) => {
  const csv = tmp.path('first60.csv');
  writeFerCsv(csv, await firstFerRows(60));
  return openStudio(tmp.path('w.db'), async (studio) => void (await studio.call('importFer2013', { path: csv })));
});
const labelOf = (id: number) => app.studio.workspace.samples.get(id)!.label;
const other = (label: number) => (label === 3 ? 6 : 3);

describe("Undo says whose step it undoes", () => {
  it("a step made by the command line is named and confirmed before it is undone; this tab's own step is undone at once", async () => {
    const { page } = app;
    await page.getByTestId('grid-count').filter({ hasText: '60 samples' }).waitFor();
    // this tab relabels sample 3 (a click, then keys)
    const mine = labelOf(3);
    await page.locator('[data-cell="3"]').click();
    await page.keyboard.press(String(other(mine) + 1));
    await expect.poll(() => labelOf(3)).toBe(other(mine));
    await expect.poll(() => page.getByTestId('undo').getAttribute('title')).toMatch(/your step/);

    // the CLI relabels sample 7 in its own process
    const cliStudio = new Studio(app.studio.workspace.path);
    const theirs = labelOf(7);
    try {
      await localClient(cliStudio, 'cli').setLabel({ ids: [7], label: other(theirs) });
    } finally {
      await cliStudio.close();
    }
    await expect.poll(() => page.getByTestId('undo').getAttribute('title'), { timeout: 10_000 }).toMatch(/made by the command line/);

    // Z names it; Escape backs out and nothing changes
    await page.locator('[data-cell="10"]').click();
    await page.keyboard.press('z');
    const dialog = page.getByTestId('confirm-dialog');
    await dialog.waitFor();
    const text = await page.getByTestId('step-confirm').textContent();
    expect(text).toContain('by the command line');
    expect(text).toContain(`1 sample relabelled to ${['angry', 'disgust', 'fear', 'happy', 'sad', 'surprise', 'neutral'][other(theirs)]}`);
    await app.screenshot('undo-confirm-cli-step');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(labelOf(7)).toBe(other(theirs));

    // Z again, Enter confirms: the CLI's step is undone, this tab's is not
    await page.keyboard.press('z');
    await dialog.waitFor();
    await page.keyboard.press('Enter');
    await expect.poll(() => labelOf(7)).toBe(theirs);
    expect(labelOf(3)).toBe(other(mine));
    await page.getByText('Undid: 1 sample relabelled').first().waitFor();

    // now the last step is this tab's own: Z undoes it without asking
    await page.keyboard.press('z');
    await expect.poll(() => labelOf(3)).toBe(mine);
    expect(await dialog.count()).toBe(0);
    expect(app.errors).toEqual([]);
  });

  it("a step made in another browser tab is named as that tab's", async () => {
    const { page, browser } = app;
    const second = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    try {
      await second.goto(`${app.server.origin}/#/dataset`);
      await second.getByTestId('grid-count').filter({ hasText: '60 samples' }).waitFor();
      const before = labelOf(12);
      await second.locator('[data-cell="12"]').click();
      await second.keyboard.press(String(other(before) + 1));
      await expect.poll(() => labelOf(12)).toBe(other(before));
      // the second tab calls it its own step; the first tab, another tab's
      await expect.poll(() => second.getByTestId('undo').getAttribute('title')).toMatch(/your step/);
      await expect.poll(() => page.getByTestId('undo').getAttribute('title'), { timeout: 10_000 }).toMatch(/made by another browser tab/);
      await page.getByTestId('undo').click();
      await page.getByTestId('step-confirm').filter({ hasText: 'by another browser tab' }).waitFor();
      await page.getByTestId('confirm-ok').click();
      await expect.poll(() => labelOf(12)).toBe(before);
    } finally {
      await second.close();
    }
  });
});
