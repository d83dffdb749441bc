import { beforeAll, describe, expect, it } from 'vitest';
import type { ReviewQueue } from '../../src-main/core/api.ts';
import { CLASS_NAMES } from '../../src-common/classes.ts';
import { openStudioWithScan, studioPagePerFile } from './helpers/studio-page.ts';

const app = studioPagePerFile('fer-e2e-review-card-', (tmp) => openStudioWithScan(tmp.path('w.db')));

beforeAll(async () => {
  await app.page.goto(`${app.server.origin}/#/review`);
});

const top3 = (probs: number[]) => probs.map((p, c) => ({ p, c })).sort((a, b) => b.p - a.p).slice(0, 3).map((x) => x.c);

describe('a review card says why it is flagged', () => {
  it("shows the given label's probability when it is not in the top 3, and what the score means", async () => {
    const { page, studio } = app;
    const q = (await studio.call('reviewQueue', { status: 'open', limit: 50, groups: true })) as ReviewQueue;
    const index = q.items.findIndex((it) => !top3(it.probs).includes(it.given));
    expect(index, 'a flag whose given label is outside its top 3 (FER+ annotators gave it almost no votes)').toBeGreaterThanOrEqual(0);
    const item = q.items[index]!;
    await page.getByTestId('review-card').waitFor();
    await page.getByRole('radio', { name: 'One at a time' }).click(); // a click first, as a person does: the arrows still move
    for (let i = 0; i < index; i++) await page.keyboard.press('ArrowRight');
    const card = page.locator(`[data-testid=review-card][data-sample="${item.sampleId}"]`);
    await card.waitFor();
    const row = card.getByTestId('prob-always');
    await row.getByText(`${CLASS_NAMES[item.given]} (given)`).waitFor();
    const pct = `${(item.probs[item.given]! * 100).toFixed(1)}%`;
    expect(await row.textContent()).toContain(pct);
    expect(await card.getByTestId('given-prob').textContent()).toBe(pct);
    expect(await card.getByTestId('review-score').getAttribute('title')).toMatch(/never saw this image doubts its given label/);
    await app.screenshot('review-card-given-prob');
  });

  it('Space enlarges the face with its FER+ votes; Escape closes it and the keys work again', async () => {
    const { page, studio } = app;
    const before = Number(await page.getByTestId('review-card').getAttribute('data-sample'));
    await page.keyboard.press(' ');
    const box = page.getByTestId('lightbox');
    await box.waitFor();
    expect(await box.locator('img').getAttribute('width')).toBe('432'); // 9x the 48 px face
    await box.getByText('FER+ votes').waitFor();
    await box.getByText(`Sample ${before}`).waitFor();
    // keys inside the dialog decide nothing
    await page.keyboard.press('k');
    expect((await studio.call('reviewQueue', { status: 'decided', limit: 5, groups: true }) as ReviewQueue).decided).toBe(0);
    await app.screenshot('review-lightbox');
    await page.keyboard.press('Escape');
    await box.waitFor({ state: 'detached' });
    // a click on the face opens it too; its close button shuts it
    await page.getByTestId('review-zoom').click();
    await box.waitFor();
    await box.getByRole('button', { name: 'Close' }).click();
    await box.waitFor({ state: 'detached' });
    await page.keyboard.press('k');
    await expect.poll(async () => (await studio.call('reviewQueue', { status: 'decided', limit: 5, groups: true }) as ReviewQueue).items.map((i) => i.sampleId)).toEqual([before]);
    expect(app.errors).toEqual([]);
  });
});
