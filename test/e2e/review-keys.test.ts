import { describe, expect, it } from 'vitest';
import type { ReviewQueue } from '../../src-main/core/api.ts';
import { openStudioWithScan, studioPagePerFile } from './helpers/studio-page.ts';

/** Review's keys as a person uses them: after mouse clicks, typed fast, in the page of cards. */
const app = studioPagePerFile('fer-e2e-review-keys-', (tmp) => openStudioWithScan(tmp.path('w.db')));

const sample = (id: number) => app.studio.workspace.samples.get(id)!;
const queue = async (status: 'open' | 'all' = 'all') => (await app.studio.call('reviewQueue', { status, limit: 50, groups: true })) as ReviewQueue;
const currentCard = async () => Number(await app.page.getByTestId('review-card').getAttribute('data-sample'));
const counter = (text: string) => app.page.getByTestId('review-counter').filter({ hasText: text }).waitFor();

describe('Review keys whatever was clicked last', () => {
  it('Enter accepts the suggestion after a click on the Review tab, on "One at a time" and on the → button', async () => {
    const { page } = app;
    await page.getByRole('link', { name: 'Review' }).click();
    await page.getByTestId('review-card').waitFor();
    await counter('0 decided');
    const [a, b] = (await queue('open')).items;
    expect(await currentCard()).toBe(a!.sampleId);
    await page.keyboard.press('Enter');
    await expect.poll(() => sample(a!.sampleId).label).toBe(a!.suggested);
    await counter('1 decided');

    await page.getByRole('radio', { name: 'One at a time' }).click();
    await expect.poll(currentCard).toBe(b!.sampleId);
    await page.keyboard.press('Enter');
    await expect.poll(() => sample(b!.sampleId).label).toBe(b!.suggested);
    await counter('2 decided');

    // → skips a card; Enter then decides the card it shows, it does not press → again
    const [c, d] = (await queue('open')).items;
    expect(await currentCard()).toBe(c!.sampleId);
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await expect.poll(currentCard).toBe(d!.sampleId);
    await page.keyboard.press('Enter');
    await expect.poll(() => sample(d!.sampleId).label).toBe(d!.suggested);
    await counter('3 decided');
    expect(sample(c!.sampleId).label).toBe(c!.given);
    // no focus ring left on → after the key decided the card: the ring would say the key pressed it
    expect(await page.evaluate(() => document.querySelector(':focus-visible')?.getAttribute('aria-label') ?? null)).toBeNull();
    await app.screenshot('review-keys-after-clicks');
  });

  it('a button reached with the keyboard keeps its own Enter', async () => {
    const { page } = app;
    const all = (await queue()).items;
    const shown = await currentCard();
    const e = all.find((i) => i.sampleId === shown)!;
    const f = all[all.indexOf(e) + 1]!;
    expect(e.status).toBe('open');
    // reach → by keyboard: focus ← (the last input was a key) and Tab to →
    await page.getByRole('button', { name: 'Previous', exact: true }).focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Next');
    await page.keyboard.press('Enter');
    await expect.poll(currentCard).toBe(f!.sampleId);
    await counter('3 decided');
    expect(sample(e!.sampleId).label).toBe(e!.given);
    expect(app.errors).toEqual([]);
  });

  it('five K presses 20 ms apart keep five cards in order: a key pressed while a decision is stored waits its turn', async () => {
    const { page } = app;
    const all = (await queue()).items;
    const shown = await currentCard();
    const next = all.slice(all.findIndex((i) => i.sampleId === shown)).filter((i) => i.status === 'open').slice(0, 5);
    expect(next[0]!.sampleId).toBe(shown);
    const decided = (await queue()).decided;
    for (let i = 0; i < 5; i++) {
      await page.keyboard.press('k');
      await page.waitForTimeout(20);
    }
    await counter(`${decided + 5} decided`);
    expect(next.map((i) => sample(i.sampleId).kept)).toEqual([true, true, true, true, true]);
    expect((await queue()).decided).toBe(decided + 5);
    expect(app.errors).toEqual([]);
  });
});

describe('Keep on a relabelled card', () => {
  it('K restores the label given when scanned and the card says KEPT', async () => {
    const { page } = app;
    await page.goto(`${app.server.origin}/#/review`);
    await page.getByTestId('review-card').waitFor();
    const shown = await currentCard();
    const item = (await queue()).items.find((i) => i.sampleId === shown)!;
    const other = [0, 1, 2, 3, 4, 5, 6].find((c) => c !== item.given && c !== item.suggested)!;
    await page.keyboard.press(String(other + 1));
    await expect.poll(currentCard).not.toBe(shown);
    await page.keyboard.press('ArrowLeft');
    await expect.poll(currentCard).toBe(shown);
    await page.getByTestId('review-status').filter({ hasText: 'relabeled' }).waitFor();
    await page.keyboard.press('k');
    await expect.poll(() => sample(shown).kept).toBe(true);
    expect(sample(shown).label).toBe(item.given);
    await page.keyboard.press('ArrowLeft');
    await expect.poll(currentCard).toBe(shown);
    await page.getByTestId('review-status').filter({ hasText: 'kept' }).waitFor();
    expect(await page.getByTestId('review-card').textContent()).not.toContain('now');
    await app.screenshot('review-keep-relabelled');
    expect(app.errors).toEqual([]);
  });
});

describe('Page of cards', () => {
  it('ArrowDown and ArrowUp move one row of the grid as laid out (6 cards at 1280 px)', async () => {
    const { page } = app;
    await page.goto(`${app.server.origin}/#/review`);
    await page.getByTestId('review-card').waitFor();
    await page.getByRole('radio', { name: 'Page of cards' }).click();
    const options = page.getByRole('option');
    await options.first().waitFor();
    const tops = await options.evaluateAll((els) => els.map((e) => (e as HTMLElement).offsetTop));
    const columns = tops.filter((t) => t === tops[0]).length;
    expect(columns).toBeGreaterThan(4); // 6 beside the decision list at 1280 px
    const order = (await queue()).items.map((i) => i.sampleId);
    const current = async () => order.indexOf(Number(await page.locator('[role=option].current [data-sample]').getAttribute('data-sample')));
    const start = await current();
    expect(start).toBeGreaterThanOrEqual(0);
    await page.keyboard.press('ArrowDown');
    await expect.poll(current).toBe(start + columns);
    await app.screenshot('review-page-arrow-down');
    await page.keyboard.press('ArrowUp');
    await expect.poll(current).toBe(start);
    expect(app.errors).toEqual([]);
  });
});

describe('Redo in Review', () => {
  it('Z undoes, Shift+Z and Ctrl+Shift+Z redo (back past the card), and a list shows the decisions since the queue opened', async () => {
    const { page } = app;
    await page.goto(`${app.server.origin}/#/review`);
    await page.reload(); // a fresh queue: no decisions yet
    await page.getByTestId('review-card').waitFor();
    const items = (await queue()).items;
    const item = (id: number) => items.find((i) => i.sampleId === id)!;
    const a = await currentCard();
    await page.keyboard.press('k');
    await expect.poll(currentCard).not.toBe(a);
    const b = await currentCard();
    await page.keyboard.press('Enter');
    await expect.poll(() => sample(b).label).toBe(item(b).suggested);
    await expect.poll(currentCard).not.toBe(b);
    const afterB = await currentCard();

    await page.keyboard.press('z');
    await expect.poll(() => sample(b).label).toBe(item(b).given);
    await expect.poll(currentCard).toBe(b);
    await page.keyboard.press('Shift+Z');
    await expect.poll(() => sample(b).label).toBe(item(b).suggested);
    await expect.poll(currentCard).toBe(afterB);
    expect(sample(a).kept).toBe(true);

    const log = page.getByTestId('decision-log');
    const entries = log.getByTestId('decision');
    await expect.poll(() => entries.allTextContents()).toEqual([`sample ${b} suggestion accepted`, `sample ${a} kept`]);
    await page.keyboard.press('z');
    await expect.poll(() => sample(b).label).toBe(item(b).given);
    await log.locator('[data-undone=true]').filter({ hasText: `sample ${b}` }).waitFor();
    await app.screenshot('review-decision-log-undone');
    await page.keyboard.press('Control+Shift+Z');
    await expect.poll(() => sample(b).label).toBe(item(b).suggested);
    await expect.poll(() => log.locator('[data-undone=true]').count()).toBe(0);
    expect(sample(a).kept).toBe(true);
    await app.screenshot('review-decision-log');
    expect(app.errors).toEqual([]);
  });
});

describe('Review in two windows', () => {
  it('a card decided in another window updates this one, which moves on instead of deciding it again', async () => {
    const { page } = app;
    await page.goto(`${app.server.origin}/#/review`);
    await page.reload();
    await page.getByTestId('review-card').waitFor();
    const other = await app.browser.newPage({ viewport: { width: 1280, height: 800 } });
    try {
      await other.goto(`${app.server.origin}/#/review`);
      await other.getByTestId('review-card').waitFor();
      const shared = await currentCard();
      expect(Number(await other.getByTestId('review-card').getAttribute('data-sample'))).toBe(shared);
      const all = (await queue()).items;
      const after = all.slice(all.findIndex((i) => i.sampleId === shared) + 1).find((i) => i.status === 'open')!;
      const decided = (await queue()).decided;

      await other.keyboard.press('k'); // the other window keeps the card both show
      await expect.poll(() => sample(shared).kept).toBe(true);
      await page.getByTestId('toast-info').filter({ hasText: `Sample ${shared} was kept elsewhere` }).waitFor();
      await counter(`${decided + 1} decided`);
      await expect.poll(currentCard).toBe(after.sampleId);
      await app.screenshot('review-two-windows');

      await page.keyboard.press('Enter'); // decides the card shown now, not the one kept elsewhere
      await expect.poll(() => sample(after.sampleId).label).toBe(after.suggested);
      expect(sample(shared)).toMatchObject({ kept: true, label: all.find((i) => i.sampleId === shared)!.given });
      await counter(`${decided + 2} decided`);
      expect(app.errors).toEqual([]);
    } finally {
      await other.close();
    }
  });
});
