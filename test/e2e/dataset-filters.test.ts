import { describe, expect, it } from 'vitest';
import type { ReviewQueue, SampleList } from '../../src-main/core/api.ts';
import { keepFirstRelabelSecond } from './helpers/review-two.ts';
import { openStudioWithScan, studioPagePerFile } from './helpers/studio-page.ts';

/** The Dataset view's score, review and FER+ filters, and "accept every open flag above score X" (real FER2013 rows, FER+ votes as the scan's model). */
const app = studioPagePerFile('fer-e2e-dataset-filters-', (tmp) => openStudioWithScan(tmp.path('w.db')));

const sample = (id: number) => app.studio.workspace.samples.get(id)!;
const queue = async () => (await app.studio.call('reviewQueue', { status: 'all', limit: 5000 })) as ReviewQueue;
const listed = async (filter: object) => (await app.studio.call('listSamples', filter)) as SampleList;
const gridCount = async () => (await app.page.getByTestId('grid-count').textContent()) ?? '';
const lastEventId = () => (app.studio.workspace.db.prepare('SELECT COALESCE(MAX(id), 0) AS id FROM label_events').get() as { id: number }).id;

describe('Dataset filters and the score-threshold bulk accept', () => {
  it('accepts the suggestions of every open flag above the chosen score: preview count, skips decided flags, asks naming the count, one undo step', async () => {
    const { page } = app;
    const { kept, relabelled, other } = await keepFirstRelabelSecond(app);

    // Dataset: move the score slider's lower thumb down from the top until more than 50 open flags are above it
    await page.getByRole('link', { name: 'Dataset' }).click();
    const accept = page.getByTestId('accept-above');
    expect(await accept.count()).toBe(0); // no threshold chosen: no such button
    const low = page.getByTestId('score-min');
    await low.focus();
    await page.keyboard.press('End');
    await accept.waitFor();
    for (let i = 0; i < 100 && !/Accept (\d{3,}|[5-9]\d) suggestions/.test((await accept.textContent()) ?? ''); i++) {
      await page.keyboard.press('ArrowLeft');
      await page.waitForTimeout(30);
    }
    const threshold = Number(await low.inputValue());
    const above = app.studio.workspace.db.prepare('SELECT sample_id FROM flags WHERE scan_id = (SELECT MAX(id) FROM scans) AND score >= ?').pluck().all(threshold) as number[];
    const open = above.length - 2;
    expect(above).toContain(kept.sampleId);
    expect(above).toContain(relabelled.sampleId);
    expect(open).toBeGreaterThan(50);
    expect(above.length).toBeLessThan(500); // the threshold narrowed the queue
    await expect.poll(() => accept.textContent()).toBe(`Accept ${open} suggestions with score ≥ ${threshold.toFixed(3)} (2 decided: skipped)`);
    expect(await page.getByTestId('score-shown').textContent()).toMatch(new RegExp(`^${threshold.toFixed(3)}–`));
    // the grid shows every scored sample at or above it (flagged or not)
    const scored = app.studio.workspace.db.prepare('SELECT COUNT(*) FROM scan_scores WHERE scan_id = (SELECT MAX(id) FROM scans) AND score >= ?').pluck().get(threshold) as number;
    await expect.poll(gridCount).toBe(`${scored.toLocaleString('en-US')} samples`);

    const since = lastEventId();
    await accept.click();
    const dialog = page.getByTestId('confirm-dialog');
    await dialog.getByText(`This relabels ${open} samples`).waitFor();
    await dialog.getByText('2 flags a reviewer already decided').waitFor();
    await app.screenshot('dataset-accept-above-confirm');
    await page.keyboard.press('Enter');
    await page.getByTestId('toast-info').filter({ hasText: `Accepted suggestions: ${open} changes; skipped 2 flags already decided` }).waitFor();
    await app.screenshot('dataset-accept-above-done');

    expect(sample(kept.sampleId)).toMatchObject({ label: kept.given, kept: true });
    expect(sample(relabelled.sampleId).label).toBe(other);
    const byId = new Map((await queue()).items.map((i) => [i.sampleId, i]));
    const accepted = above.filter((id) => id !== kept.sampleId && id !== relabelled.sampleId);
    expect(accepted.every((id) => byId.get(id)!.label === byId.get(id)!.suggested)).toBe(true);
    expect([...byId.values()].filter((i) => i.status === 'open')).toHaveLength(498 - open); // flags below the threshold untouched
    const batches = app.studio.workspace.db.prepare('SELECT COUNT(DISTINCT batch_id) AS n, COUNT(*) AS events FROM label_events WHERE id > ?').get(since) as { n: number; events: number };
    expect(batches).toEqual({ n: 1, events: open });
    await expect.poll(() => accept.textContent()).toMatch(/^Accept 0 suggestions/);

    await page.keyboard.press('z'); // one step undoes all of them
    await expect.poll(async () => (await queue()).items.filter((i) => i.status === 'open').length).toBe(498);
    expect(sample(relabelled.sampleId).label).toBe(other);
    expect(sample(kept.sampleId).kept).toBe(true);
  });

  it('selects open or decided flags, and samples whose FER+ majority disagrees with the label', async () => {
    const { page } = app;
    await page.getByTestId('filter-review').selectOption('decided');
    await expect.poll(gridCount).toBe('2 samples');
    await page.getByTestId('filter-review').selectOption('');
    await page.getByTestId('score-range').getByTestId('score-min').focus();
    await page.keyboard.press('Home'); // back to the bottom of the range: no score bound
    await expect.poll(() => page.getByTestId('accept-above').count()).toBe(0);
    await page.getByTestId('filter-review').selectOption('open');
    await expect.poll(gridCount).toBe('498 samples');
    await page.getByTestId('filter-review').selectOption('');
    await page.getByLabel('Split').selectOption('Training');
    await page.getByTestId('filter-ferplus').selectOption('yes');
    const disagreeing = await listed({ split: 'Training', ferplusDisagrees: true });
    expect(disagreeing.total).toBeGreaterThan(5000); // FER2013's known noise: 7,972 Training labels against FER+, minus the kept one
    await expect.poll(gridCount).toBe(`${disagreeing.total.toLocaleString('en-US')} samples`);
    await app.screenshot('dataset-ferplus-disagrees');
    expect(app.errors).toEqual([]);
  });
});
