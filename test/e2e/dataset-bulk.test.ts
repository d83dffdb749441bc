import { describe, expect, it } from 'vitest';
import type { ReviewQueue, SampleList } from '../../src-main/core/api.ts';
import { GRID_FIRST_PAGE } from '../../src-common/sample-list.ts';
import { keepFirstRelabelSecond } from './helpers/review-two.ts';
import { openStudioWithScan, studioPagePerFile } from './helpers/studio-page.ts';

/** The Dataset view's bulk actions and keys over a scan's flags (real FER2013 rows, FER+ votes as the scan's model). */
const app = studioPagePerFile('fer-e2e-dataset-bulk-', (tmp) => openStudioWithScan(tmp.path('w.db')));

const sample = (id: number) => app.studio.workspace.samples.get(id)!;
const queue = async () => (await app.studio.call('reviewQueue', { status: 'all', limit: 5000 })) as ReviewQueue;

describe('Dataset bulk actions never overwrite a reviewer', () => {
  it('"Accept N suggestions" skips flags decided in Review, says how many, asks first naming the count, and is one undo step', async () => {
    const { page } = app;
    const { kept, relabelled, other: sad } = await keepFirstRelabelSecond(app);

    // In Dataset: Flagged = yes, Ctrl-A, accept
    await page.getByRole('link', { name: 'Dataset' }).click();
    await page.getByLabel('Flagged').selectOption('yes');
    await page.getByTestId('grid-count').filter({ hasText: '500 samples' }).waitFor();
    await page.locator('[data-cell="0"]').click();
    await page.keyboard.press('Control+a');
    const bar = page.getByTestId('bulk-bar');
    await bar.getByText('500 selected').waitFor();
    const accept = bar.getByRole('button', { name: /^Accept \d+ suggestion/ });
    expect(await accept.textContent()).toContain('Accept 498 suggestions (2 decided: skipped)');
    const since = (app.studio.workspace.db.prepare('SELECT COALESCE(MAX(id), 0) AS id FROM label_events').get() as { id: number }).id;
    await accept.click();
    const dialog = page.getByTestId('confirm-dialog');
    await dialog.getByText('This relabels 498 samples').waitFor();
    await dialog.getByText('2 flags a reviewer already decided').waitFor();
    await app.screenshot('dataset-bulk-accept-confirm');
    await page.keyboard.press('Enter'); // focus is on the confirm button
    await page.getByTestId('toast-info').filter({ hasText: 'Accepted suggestions: 498 changes; skipped 2 flags already decided' }).waitFor();
    await app.screenshot('dataset-bulk-accept-done');

    expect(sample(kept.sampleId)).toMatchObject({ label: kept.given, kept: true });
    expect(sample(relabelled.sampleId).label).toBe(sad);
    const open = (await queue()).items.filter((i) => i.sampleId !== kept.sampleId && i.sampleId !== relabelled.sampleId);
    expect(open.every((i) => i.label === i.suggested)).toBe(true);
    const batches = app.studio.workspace.db.prepare('SELECT COUNT(DISTINCT batch_id) AS n, COUNT(*) AS events FROM label_events WHERE id > ?').get(since) as { n: number; events: number };
    expect(batches).toEqual({ n: 1, events: 498 });

    await page.keyboard.press('z');
    await expect.poll(async () => (await queue()).items.filter((i) => i.status === 'open').length).toBe(498);
    expect(sample(relabelled.sampleId).label).toBe(sad);
  });

  it('Escape in the confirmation changes nothing', async () => {
    const { page } = app;
    await page.getByTestId('bulk-bar').getByRole('button', { name: /^Accept \d+ suggestion/ }).click();
    await page.getByTestId('confirm-dialog').waitFor();
    await page.keyboard.press('5'); // a view key inside the dialog must not relabel the selection
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('confirm-dialog').count()).toBe(0);
    expect((await queue()).items.filter((i) => i.status === 'open').length).toBe(498);
    await page.getByTestId('bulk-bar').getByText('500 selected').waitFor();
    expect(app.errors).toEqual([]);
  });

  it('with more samples than the first page (GRID_FIRST_PAGE), the grid asks for the rest only when needed: End reaches the last sample, Ctrl-A selects all', async () => {
    const { page } = app;
    const wholeLists: string[] = []; // listSamples without `first`: every id of the filter
    page.on('request', (r) => r.url().endsWith('/api/listSamples') && !JSON.parse(r.postData() ?? '{}').first && wholeLists.push(r.postData() ?? ''));
    await page.getByTestId('bulk-bar').getByRole('button', { name: 'Clear selection' }).click();
    await page.getByRole('combobox', { name: 'Flagged' }).selectOption('');
    const all = (await app.studio.call('listSamples', {})) as SampleList;
    expect(all.total).toBeGreaterThan(GRID_FIRST_PAGE);
    await page.getByTestId('grid-count').filter({ hasText: `${all.total.toLocaleString('en-US')} samples` }).waitFor();
    await page.locator('[data-cell="0"]').click();
    await page.keyboard.press('Escape'); // close the panel the click opened; the grid keeps the focus
    expect(wholeLists).toEqual([]); // the first page is all the grid needed so far
    await page.keyboard.press('End');
    await expect.poll(() => page.locator(`[data-cell="${all.total - 1}"]`).getAttribute('data-id')).toBe(String(all.ids.at(-1)));
    expect(wholeLists).toHaveLength(1);
    await page.keyboard.press('Control+a');
    await page.getByTestId('bulk-bar').getByText(`${all.total.toLocaleString('en-US')} selected`).waitFor();
    await app.screenshot('dataset-all-selected');
    expect(app.errors).toEqual([]);
  });
});
