import { describe, expect, it } from 'vitest';
import { firstFerRows, writeFerCsv } from '../helpers/fer-rows.ts';
import { Studio } from '../../src-main/core/studio/studio.ts';
import { openStudio, studioPagePerFile } from './helpers/studio-page.ts';

/** `fer-studio serve --token T`, the way a remote user opens it: the printed URL, in a real browser. */
const TOKEN = 'e2e-secret-token-42';
const app = studioPagePerFile('fer-e2e-token-', async (tmp) => {
  const csv = tmp.path('first60.csv');
  writeFerCsv(csv, await firstFerRows(60));
  return openStudio(tmp.path('w.db'), async (studio) => void (await studio.call('importFer2013', { path: csv })), { token: TOKEN });
});
const { tmp } = app;

describe('the browser UI behind a token', () => {
  it('loads from the printed URL: the grid, its images and a relabel work', async () => {
    const { page } = app;
    await page.getByTestId('grid-count').filter({ hasText: '60 samples' }).waitFor();
    await page.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('[data-cell="0"] img');
      return img !== null && img.complete && img.naturalWidth === 48;
    });
    expect(new URL(page.url()).searchParams.has('token')).toBe(false); // taken out of the address bar
    await page.locator('[data-cell="3"]').click();
    const before = app.studio.workspace.samples.get(3)!.label;
    const target = before === 3 ? 6 : 3;
    await page.keyboard.press(String(target + 1));
    await expect.poll(() => app.studio.workspace.samples.get(3)!.label).toBe(target);
    await app.screenshot('token-ui');
    expect(app.errors).toEqual([]);
  });

  it('a relabel by another process (the CLI) reaches the open page without a reload', async () => {
    const { page } = app;
    const cli = new Studio(app.studio.workspace.path); // a second connection, as `fer-studio label` is
    try {
      const before = cli.workspace.samples.get(7)!.label;
      await cli.call('setLabel', { ids: [7], label: before === 0 ? 1 : 0 });
      const version = cli.workspace.labels.labelVersion();
      await page.getByTitle('Label version').filter({ hasText: `v${version} ·` }).waitFor({ timeout: 10_000 });
    } finally {
      await cli.close();
    }
  });

  it('without the token the page loads but gets no data, and says how to get in', async () => {
    const page = await app.browser.newPage({ viewport: { width: 1280, height: 800 } });
    try {
      await page.goto(`${app.server.origin}/`);
      await page.getByText(/needs a token/).first().waitFor();
      expect(await page.locator('[data-cell] img').count()).toBe(0);
      await page.screenshot({ path: `${tmp.dir}/no-token.png` });
    } finally {
      await page.close();
    }
  });
});
