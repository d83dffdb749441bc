import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunDetail } from '../../src-main/core/api.ts';
import { SCREENSHOT_DIR, importFullFer2013, openStudio, studioPagePerFile } from './helpers/studio-page.ts';

/** A tab opened while a run trains (a second window, a reload elsewhere) joins it with its whole history. */
const app = studioPagePerFile('fer-e2e-train-join-', (tmp) => openStudio(tmp.path('w.db'), importFullFer2013));

const getRun = async (id: number) => (await app.studio.call('getRun', { id })) as RunDetail;

describe('Joining a running job', () => {
  it('a tab opened on Dataset after the first epoch shows it on the Train curves too', async () => {
    const { jobId, runId } = (await app.studio.call('startTrain', { model: 'cnn-tiny', epochs: 4, limit: 1024, seed: 4 })) as { jobId: string; runId: number };
    await expect.poll(async () => (await getRun(runId)).history.length, { timeout: 180_000, interval: 250 }).toBeGreaterThanOrEqual(1);
    const tab = await app.browser.newPage({ viewport: { width: 1280, height: 800 } });
    try {
      await tab.goto(`${app.server.origin}/#/dataset`);
      await tab.locator('[data-cell="0"] img').waitFor();
      await tab.waitForTimeout(2000); // the job's progress events reach this tab while it shows Dataset
      expect((await app.studio.jobs.list()).find((j) => j.id === jobId)?.state).toBe('running');
      await tab.getByRole('link', { name: 'Train' }).click();
      await tab.locator('[data-testid=job-status][data-state=done]').waitFor({ timeout: 240_000 });
      const run = await getRun(runId);
      expect(run.history).toHaveLength(4);
      const expected = run.history.reduce((n, e) => n + (Number.isFinite(e.trainLoss) ? 1 : 0) + (e.valLoss !== undefined && Number.isFinite(e.valLoss) ? 1 : 0), 0);
      await expect.poll(async () => Number(await tab.getByTestId('chart-epoch-loss').getAttribute('data-points'))).toBe(expected);
      await tab.screenshot({ path: resolve(SCREENSHOT_DIR, 'train-join.png') });
    } finally {
      await tab.close();
    }
  }, 300_000);
});
