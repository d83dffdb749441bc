import { expect } from 'vitest';
import type { FlagItem, ReviewQueue } from '../../../src-main/core/api.ts';
import type { OpenStudio } from './studio-page.ts';

/**
 * Two reviewer decisions through the Review view's keys on the top two flags: K keeps the first, a class key
 * relabels the second to a class other than its suggestion. Bulk actions must leave both as decided.
 */
export async function keepFirstRelabelSecond(app: OpenStudio): Promise<{ kept: FlagItem; relabelled: FlagItem; other: number }> {
  const { page } = app;
  const currentCard = async () => Number(await page.getByTestId('review-card').getAttribute('data-sample'));
  await page.goto(`${app.server.origin}/#/review`);
  await page.getByTestId('review-card').waitFor();
  const [kept, relabelled] = ((await app.studio.call('reviewQueue', { status: 'all', limit: 2, groups: true })) as ReviewQueue).items;
  expect(await currentCard()).toBe(kept!.sampleId);
  await page.keyboard.press('k');
  await expect.poll(currentCard).toBe(relabelled!.sampleId);
  const other = relabelled!.suggested === 4 ? 5 : 4;
  await page.keyboard.press(String(other + 1));
  await expect.poll(() => app.studio.workspace.samples.get(relabelled!.sampleId)!.label).toBe(other);
  return { kept: kept!, relabelled: relabelled!, other };
}
