import { beforeAll, describe, expect, it } from 'vitest';
import type { NoiseEvaluation, ReviewQueue, ScanOverview } from '../../src-main/core/api.ts';
import { seedFerPlusScan } from './helpers/ferplus-scan.ts';
import { importFullFer2013, openStudio, studioPagePerFile } from './helpers/studio-page.ts';

const app = studioPagePerFile('fer-e2e-review-', (tmp) =>
  openStudio(tmp.path('w.db'), async (studio) => {
    await importFullFer2013(studio);
    seedFerPlusScan(studio.workspace, { maxFlags: 500 });
  })
);

const sample = (id: number) => app.studio.workspace.samples.get(id)!;
// the queue as Review shows it: one card per duplicate group
const queue = async () => (await app.studio.call('reviewQueue', { status: 'all', limit: 50, groups: true })) as ReviewQueue;
const currentCard = async () => Number(await app.page.getByTestId('review-card').getAttribute('data-sample'));
const eventsFor = (id: number) => app.studio.workspace.db.prepare('SELECT field, to_value AS toValue, reason FROM label_events WHERE sample_id = ? ORDER BY id').all(id);

beforeAll(async () => {
  await app.page.goto(`${app.server.origin}/#/review`);
});

describe('Review queue by keyboard (flags of a scan over real FER2013 + FER+ votes)', () => {
  it('shows the first flag with given and suggested labels, top-3 probabilities and FER+ votes', async () => {
    const { page } = app;
    await page.getByTestId('review-card').waitFor();
    const q = await queue();
    expect(await currentCard()).toBe(q.items[0]!.sampleId);
    await page.getByTestId('review-counter').filter({ hasText: `0 decided / ${q.open} open` }).waitFor();
    await page.getByText('FER+ votes').waitFor();
    // The scan's quality against FER+, as the core computes it (this seeded scan's model is the annotators).
    const ev = (await app.studio.call('evalNoise', {})) as NoiseEvaluation;
    await page.getByTestId('scan-quality').filter({ hasText: `AUROC ${ev.auroc.toFixed(3)}` }).waitFor();
    await app.screenshot('review-card');
  });

  it('1-7 relabels, Enter accepts, K keeps, X excludes: each decision is in SQLite before the next card shows', async () => {
    const { page } = app;
    const { total, items: [a, b, c, d] } = await queue();
    expect(await currentCard()).toBe(a!.sampleId);
    const relabelTo = a!.given === 2 ? 3 : 2;
    await page.keyboard.press(String(relabelTo + 1));
    await expect.poll(currentCard).toBe(b!.sampleId);
    expect(sample(a!.sampleId).label).toBe(relabelTo); // stored before the next card appeared
    expect(eventsFor(a!.sampleId)).toEqual([{ field: 'label', toValue: relabelTo, reason: 'manual' }]);

    await page.keyboard.press('Enter');
    await expect.poll(currentCard).toBe(c!.sampleId);
    expect(sample(b!.sampleId).label).toBe(b!.suggested);
    expect(eventsFor(b!.sampleId)).toEqual([{ field: 'label', toValue: b!.suggested, reason: 'accepted-suggestion' }]);

    await page.keyboard.press('k');
    await expect.poll(currentCard).toBe(d!.sampleId);
    expect(sample(c!.sampleId)).toMatchObject({ kept: true, label: c!.given });

    await page.keyboard.press('x');
    await expect.poll(() => sample(d!.sampleId).excluded).toBe(true);
    await page.getByTestId('review-counter').filter({ hasText: `4 decided / ${total - 4} open` }).waitFor();
  });

  it('Z undoes the last decision and goes back to its card', async () => {
    const { page } = app;
    const { total, items } = await queue();
    const d = items[3]!;
    await page.keyboard.press('z');
    await expect.poll(() => sample(d.sampleId).excluded).toBe(false);
    await expect.poll(currentCard).toBe(d.sampleId);
    await page.getByTestId('review-counter').filter({ hasText: `3 decided / ${total - 3} open` }).waitFor();
    await page.keyboard.press('ArrowLeft');
    await expect.poll(currentCard).toBe((await queue()).items[2]!.sampleId);
    await page.keyboard.press('ArrowRight');
  });

  it('page mode: ctrl-click several cards and relabel them in one step with one undo', async () => {
    const { page } = app;
    await page.getByRole('radio', { name: 'Page of cards' }).click();
    const cards = page.locator('[role=option]');
    await cards.first().waitFor();
    const open = (await queue()).items.filter((i) => i.status === 'open');
    const ids: number[] = [];
    for (const item of open.slice(0, 3)) {
      await page.locator(`[role=option]:has([data-sample="${item.sampleId}"])`).click({ modifiers: ['Control'] });
      ids.push(item.sampleId);
    }
    await page.getByText('3 selected').waitFor();
    await app.screenshot('review-page');
    const since = (app.studio.workspace.db.prepare('SELECT COALESCE(MAX(id), 0) AS id FROM label_events').get() as { id: number }).id;
    await page.keyboard.press('7'); // neutral
    await expect.poll(() => ids.map((id) => sample(id).label)).toEqual([6, 6, 6]);
    const batches = app.studio.workspace.db.prepare(`SELECT COUNT(DISTINCT batch_id) AS n FROM label_events WHERE id > ? AND sample_id IN (${ids.join(',')})`).get(since) as { n: number };
    expect(batches.n).toBe(1);
    // Z undoes what the UI has been told it did: wait until the decision is back in the page, not only in SQLite.
    const decided = (await queue()).decided;
    await page.getByTestId('review-counter').filter({ hasText: `${decided.toLocaleString('en-US')} decided` }).waitFor();
    const given = open.slice(0, 3).map((i) => i.given);
    await page.keyboard.press('z');
    await expect.poll(() => ids.map((id) => sample(id).label)).toEqual(given);
    expect(app.errors).toEqual([]);
  });

  it("error matrix: M shows the scan's estimated errors; a cell narrows the queue to that (given, suggested) pair", async () => {
    const { page } = app;
    await page.getByRole('radio', { name: 'One at a time' }).click();
    await page.keyboard.press('m');
    await page.getByTestId('error-matrix').waitFor();
    const overview = (await app.studio.call('scanOverview', {})) as ScanOverview;
    const pair = overview.flagPairs.reduce((a, b) => (b.open > a.open ? b : a));
    const cell = page.getByTestId(`em-${pair.given}-${pair.suggested}`);
    expect(await cell.textContent()).toBe(`${overview.estimatedErrors[pair.given]![pair.suggested]!.toLocaleString('en-US')}${pair.open.toLocaleString('en-US')} open`);
    expect((await page.getByTestId('error-matrix-headline').textContent())!.replace(/\s+/g, ' ').trim()).toMatch(/^A model estimate, not a count of errors found: from scan \d+'s out-of-fold predictions, confident learning estimates/);
    // FER+ beside the estimate, overall and per class (this workspace has the votes)
    const fer = overview.ferPlus!;
    expect((await page.getByTestId('error-matrix-ferplus').textContent())!.replace(/\s+/g, ' ')).toContain(`of the ${fer.samples.toLocaleString('en-US')} scanned labels`);
    const ferRow = page.getByTestId('error-rates').locator('tbody tr').nth(1);
    expect((await ferRow.locator('td').allTextContents()).length).toBe(7);
    const happy = fer.perClass[3]!;
    expect(await ferRow.locator('td').nth(3).textContent()).toBe(happy.samples ? `${((happy.wrong / happy.samples) * 100).toFixed(1)}%` : '–');
    await app.screenshot('review-error-matrix');

    await cell.click();
    await page.getByTestId('review-filter').waitFor();
    const decidedBefore = pair.total - pair.open;
    await page.getByTestId('review-counter').filter({ hasText: `${decidedBefore} decided / ${pair.open} open` }).waitFor();
    const first = await currentCard();
    expect(sample(first).label).toBe(pair.given);
    const flagged = (await app.studio.call('reviewQueue', { given: pair.given, suggested: pair.suggested, status: 'open', limit: 1, groups: true })) as ReviewQueue;
    expect(first).toBe(flagged.items[0]!.sampleId);

    await page.keyboard.press('Enter'); // accept: relabels to the pair's suggested class
    await expect.poll(() => sample(first).label).toBe(pair.suggested);
    await page.getByTestId('review-counter').filter({ hasText: `${decidedBefore + 1} decided / ${pair.open - 1} open` }).waitFor();
    expect(await currentCard()).not.toBe(first);

    await page.keyboard.press('m');
    await page.getByTestId(`em-${pair.given}-${pair.suggested}`).filter({ hasText: `${pair.open - 1} open` }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Show the whole queue' }).click();
    await expect.poll(() => page.getByTestId('review-filter').count()).toBe(0);
    const whole = await queue();
    await page.getByTestId('review-counter').filter({ hasText: `${whole.decided} decided / ${whole.open} open` }).waitFor();
    expect(app.errors).toEqual([]);
  });

  it('when every flag is decided, Review offers to retrain on the cleaned labels in one click', async () => {
    const { page } = app;
    const open = (await app.studio.call('reviewQueue', { status: 'open', limit: 1000, groups: true })) as ReviewQueue;
    const [last, ...rest] = open.items.map((i) => i.sampleId);
    await app.studio.call('review', { ids: rest, action: 'keep' });
    await page.reload();
    await page.getByRole('radio', { name: 'One at a time' }).click();
    await page.getByTestId('review-counter').filter({ hasText: '1 open' }).waitFor();
    expect(await page.getByTestId('review-done').count()).toBe(0);
    expect(await currentCard()).toBe(last);
    await page.keyboard.press('k');
    await page.getByTestId('review-done').waitFor();
    await app.screenshot('review-done');

    await page.getByTestId('review-retrain').click();
    await page.waitForURL(/#\/train$/);
    await page.getByTestId('job-status').waitFor();
    const [job] = (await app.studio.call('listJobs', {})) as Array<{ id: string; kind: string; state: string }>;
    expect(job).toMatchObject({ kind: 'train' });
    expect(['queued', 'running']).toContain(job!.state);
    await app.studio.call('cancelJob', { jobId: job!.id }); // a full 30-epoch run: starting it is what this test checks
    await page.locator('[data-testid=job-status][data-state=cancelled]').waitFor({ timeout: 60_000 });
    expect(app.errors).toEqual([]);
  });
});
