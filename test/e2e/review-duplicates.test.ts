import { describe, expect, it } from 'vitest';
import type { FlagItem, ReviewQueue, SampleDetail } from '../../src-main/core/api.ts';
import { ISSUE_KIND_TEXT } from '../../src-common/issue-kinds.ts';
import { openStudioWithScan, shownCard, walkToCard, studioPagePerFile } from './helpers/studio-page.ts';

/** Near-duplicates in Review on the full FER2013 with a FER+ scan: one card per group, decided in one keystroke. */
const app = studioPagePerFile('fer-e2e-review-dups-', (tmp) => openStudioWithScan(tmp.path('w.db')));

const sample = (id: number) => app.studio.workspace.samples.get(id)!;
const queue = async () => (await app.studio.call('reviewQueue', { status: 'all', limit: 1000, groups: true })) as ReviewQueue;
const currentCard = () => shownCard(app.page);

describe('Review groups near-duplicates', () => {
  it('never shows a face twice: each copy is on its group\'s card, not a card of its own', async () => {
    const q = await queue();
    const onCards = new Set(q.items.map((i) => i.sampleId));
    const copies = q.items.flatMap((i) => i.copies.map((c) => c.sampleId));
    expect(copies.length).toBeGreaterThan(0);
    expect(copies.filter((id) => onCards.has(id))).toEqual([]);
    expect(new Set(copies).size).toBe(copies.length);
  });

  it('Enter on a group card accepts the suggestion for every copy; Z undoes them all', async () => {
    const { page } = app;
    await page.getByRole('link', { name: 'Review' }).click();
    await page.getByTestId('review-card').waitFor();
    const q = await queue();
    // the first open card with copies whose labels differ from its suggestion: Enter must change them all
    const group = q.items.find((i): i is FlagItem => i.status === 'open' && i.copies.length > 0 && i.copies.every((c) => c.label !== i.suggested && !c.excluded))!;
    expect(group, 'a group card in the first 500 flags').toBeDefined();
    const ids = [group.sampleId, ...group.copies.map((c) => c.sampleId)];
    const before = ids.map((id) => sample(id).label);
    await walkToCard(page, group.sampleId);
    const card = page.getByTestId('review-card');
    await expect.poll(() => card.getByTestId('duplicate-copies').locator('li[data-copy]').count()).toBe(Math.min(group.copies.length, 12));
    for (const kind of group.kinds) expect(await card.getByTestId('issue-kinds').textContent()).toContain(ISSUE_KIND_TEXT[kind].name);
    await app.screenshot('review-duplicate-group');

    await page.keyboard.press('Enter');
    await expect.poll(() => ids.map((id) => sample(id).label)).toEqual(ids.map(() => group.suggested));
    await expect.poll(currentCard).not.toBe(group.sampleId);
    const history = (await app.studio.call('history', { limit: 50 })) as Array<{ sampleId: number; batchId: number }>;
    const batches = new Set(history.filter((e) => ids.includes(e.sampleId)).map((e) => e.batchId));
    expect(batches.size).toBe(1); // one decision, one undo step

    await page.keyboard.press('z');
    await expect.poll(() => ids.map((id) => sample(id).label)).toEqual(before);
    await expect.poll(currentCard).toBe(group.sampleId);
    expect(app.errors).toEqual([]);
  });

  it('a duplicate conflict no model flagged is a card of its own kind, with its meaning', async () => {
    const { page } = app;
    const conflict = (await queue()).items.find((i) => i.rank === 0)!;
    expect(conflict, 'an unflagged conflicting group in the first 500 cards').toBeDefined();
    expect(conflict.kinds).toContain('duplicate-conflict');
    await walkToCard(page, conflict.sampleId);
    const card = page.getByTestId('review-card');
    expect(await card.textContent()).toContain('not among the scan\'s flags');
    expect(await card.getByTestId('issue-kinds').textContent()).toContain(ISSUE_KIND_TEXT['duplicate-conflict'].meaning);
    await app.screenshot('review-duplicate-conflict');
    expect(app.errors).toEqual([]);
  });
});

describe('The sample panel says why a sample is flagged and shows its copies', () => {
  it('sample 58 (sad) has copies labelled angry and neutral: a duplicate conflict, with its meaning', async () => {
    const { page } = app;
    const detail = (await app.studio.call('getSample', { id: 58 })) as SampleDetail;
    expect(detail.kinds).toContain('duplicate-conflict');
    const copies = detail.duplicates!.members.filter((m) => m.sampleId !== 58);
    expect(copies.length).toBeGreaterThanOrEqual(2);
    await page.goto(`${app.server.origin}/#/dataset`);
    await page.locator('[data-cell="0"]').click();
    for (let i = 0; i < 58; i++) await page.keyboard.press('ArrowRight');
    const panel = page.getByTestId('sample-panel');
    await panel.getByRole('heading', { name: 'Sample #58' }).waitFor();
    const why = await panel.getByTestId('issue-kinds').textContent();
    expect(why).toContain(ISSUE_KIND_TEXT['duplicate-conflict'].name);
    expect(why).toContain(ISSUE_KIND_TEXT['duplicate-conflict'].meaning);
    expect(await panel.getByTestId('duplicate-copies').locator('li[data-copy]').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-copy'))))).toEqual(copies.map((c) => c.sampleId));
    expect(await panel.getByTestId('duplicate-copies').textContent()).toContain('labels conflict');
    await app.screenshot('sample-panel-duplicates');
    expect(app.errors).toEqual([]);
  });
});
