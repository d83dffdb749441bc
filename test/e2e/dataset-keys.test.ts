import { describe, expect, it } from 'vitest';
import type { ReviewQueue, ScanOverview } from '../../src-main/core/api.ts';
import { openStudioWithScan, studioPagePerFile } from './helpers/studio-page.ts';

/** The Dataset view's keys and filters on real FER2013 rows with a FER+-votes scan. */
const app = studioPagePerFile('fer-e2e-dataset-keys-', (tmp) => openStudioWithScan(tmp.path('w.db')));

const labelOf = (id: number) => app.studio.workspace.samples.get(id)!.label;
const cellId = async (index: number) => Number(await app.page.locator(`[data-cell="${index}"]`).getAttribute('data-id'));

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

describe('Dataset filters say which predictions they read', () => {
  it("Suggested filters on the scan's suggestion (the error matrix's flags); Predicted names its run and says why it matches nothing on Training", async () => {
    const { page, studio } = app;
    // a short real run: it predicts its validation and test splits, never Training (where the scan's flags are)
    const { jobId, runId } = (await studio.call('startTrain', { model: 'cnn-tiny', epochs: 1, limit: 128, seed: 3 })) as { jobId: string; runId: number };
    expect((await studio.jobs.whenEnded(jobId)).state).toBe('done');
    const overview = (await studio.call('scanOverview', {})) as ScanOverview;
    const pair = overview.flagPairs.reduce((a, b) => (b.open > a.open ? b : a));
    const flags = (await studio.call('reviewQueue', { given: pair.given, suggested: pair.suggested, limit: 5000 })) as ReviewQueue;
    const stillGiven = flags.items.filter((i) => i.label === pair.given).length;
    expect(stillGiven).toBeGreaterThan(0);

    await page.goto(`${app.server.origin}/#/dataset`);
    await page.reload(); // the run finished after the page loaded
    await page.getByTestId('filter-label').selectOption(String(pair.given));
    await page.getByLabel('Flagged').selectOption('yes');
    await page.getByTestId('filter-suggested').selectOption(String(pair.suggested));
    await page.getByTestId('grid-count').filter({ hasText: `${stillGiven.toLocaleString('en-US')} sample` }).waitFor();
    expect(await page.getByText(`Suggested(scan ${overview.scanId})`).count()).toBe(1);
    await app.screenshot('dataset-filter-suggested');

    // the same question through Predicted: the run has no Training predictions, and the empty grid says so
    await page.getByTestId('filter-suggested').selectOption('');
    await page.getByTestId('filter-predicted').selectOption(String(pair.suggested));
    const empty = page.getByTestId('grid-empty');
    await empty.filter({ hasText: `Predicted reads run ${runId}, which predicted PrivateTest and PublicTest only` }).waitFor();
    expect(await empty.textContent()).toContain('use Suggested');
    expect(await page.getByTestId('filter-predicted').locator('xpath=..').getAttribute('title')).toContain(`run ${runId}`);
    await app.screenshot('dataset-filter-predicted-empty');
    expect(app.errors).toEqual([]);
  });
});
