import { beforeAll, describe, expect, it } from 'vitest';
import type { RunDetail } from '../../src-main/core/api.ts';
import { CLASS_NAMES } from '../../src-common/classes.ts';
import { importFullFer2013, openStudio, studioPagePerFile } from './helpers/studio-page.ts';

/** Results' confusion matrices on a real (short) run over FER2013: each cell opens exactly its split's samples. */
const app = studioPagePerFile('fer-e2e-results-cells-', (tmp) => openStudio(tmp.path('w.db'), importFullFer2013), 600_000);
let run: RunDetail;

beforeAll(async () => {
  // one epoch of cnn-tiny on 128 training samples, evaluated on 200 of PublicTest and of PrivateTest (a limited run's evaluation)
  const { jobId, runId } = (await app.studio.call('startTrain', { model: 'cnn-tiny', epochs: 1, limit: 128, seed: 3 })) as { jobId: string; runId: number };
  expect((await app.studio.jobs.whenEnded(jobId)).state).toBe('done');
  run = (await app.studio.call('getRun', { id: runId })) as RunDetail;
}, 600_000);

/** The ids listed under the matrix. */
const listedIds = async () =>
  (await app.page.getByTestId('cell-samples').getByRole('button').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')!))).map((l) => Number(l.replace('Open sample ', '')));

describe('Results: a confusion-matrix cell lists its own split', () => {
  it('the Test and the Validation cell each open exactly their samples', async () => {
    const { page } = app;
    const test = run.test!;
    const validation = run.validation!;
    expect([validation.split, test.split]).toEqual(['PublicTest', 'PrivateTest']);
    // the cell with samples in both splits and the fewest overall, so every sample is listed (at most 200 are)
    const cells = test.confusion.flatMap((row, t) => row.map((n, p) => ({ t, p, test: n, validation: validation.confusion[t]![p]! })));
    const cell = cells.filter((c) => c.test > 0 && c.validation > 0 && c.test + c.validation <= 200).sort((a, b) => b.test + b.validation - (a.test + a.validation))[0];
    expect(cell, 'a cell with samples in both test splits').toBeDefined();

    await page.goto(`${app.server.origin}/#/results`);
    await page.getByTestId('confusion-matrix').waitFor();
    await page.getByRole('tab', { name: 'Test' }).click();
    await page.getByTestId(`cm-${cell!.t}-${cell!.p}`).click();
    const strip = page.getByTestId('cell-samples');
    await strip.getByRole('button').first().waitFor();
    await expect.poll(async () => (await listedIds()).length).toBe(cell!.test);
    await strip.getByText(`in PrivateTest: ${cell!.test} sample`).waitFor();
    expect((await listedIds()).every((id) => app.studio.workspace.samples.get(id)!.split === 'PrivateTest')).toBe(true);
    await app.screenshot('results-cell-test');

    // the same cell on the Validation matrix: its list follows the split shown
    await page.getByRole('tab', { name: 'Validation' }).click();
    await strip.getByText(`in PublicTest: ${cell!.validation} sample`).waitFor();
    await expect.poll(async () => (await listedIds()).length).toBe(cell!.validation);
    expect((await listedIds()).every((id) => app.studio.workspace.samples.get(id)!.split === 'PublicTest')).toBe(true);
    await page.getByTestId(`cm-${cell!.t}-${cell!.p}`).click();
    await expect.poll(async () => (await listedIds()).length).toBe(cell!.validation);
    await app.screenshot('results-cell-validation');
    expect(app.errors.filter((e) => !e.includes('Failed to load resource'))).toEqual([]);
  });

  it('the headline says the run was limited and on how many samples each accuracy was scored; triplet faces are large and resizable', async () => {
    const { page } = app;
    const headline = page.getByTestId('run-headline');
    await headline.waitFor();
    const scored = (m: RunDetail['test']) => m!.perClass.reduce((n, c) => n + c.support, 0).toLocaleString('en-US');
    expect(await page.getByTestId('headline-limited').textContent()).toBe('128training samples only (limited run)');
    expect(await headline.textContent()).toContain(`test accuracy (PrivateTest, ${scored(run.test)} samples)`);
    expect(await headline.textContent()).toContain(`validation accuracy (PublicTest, ${scored(run.validation)} samples)`);

    const triplets = page.getByTestId('triplets');
    // the true class the run got wrong most often (a 1-epoch model predicts few classes)
    const missed = run.test!.confusion.map((row, t) => row.reduce((n, v, p) => n + (p === t ? 0 : v), 0));
    await triplets.getByRole('tab', { name: CLASS_NAMES[missed.indexOf(Math.max(...missed))], exact: true }).click();
    await page.getByTestId('triplet').first().waitFor({ timeout: 20_000 });
    const middle = page.getByTestId('triplet').first().getByRole('button', { name: /^Open misclassified sample/ }).locator('img');
    expect(await middle.evaluate((img) => img.getBoundingClientRect().width)).toBe(144); // 3x the 48 px face
    await page.getByTestId('triplet-size').focus();
    await page.keyboard.press('End');
    await expect.poll(() => middle.evaluate((img) => img.getBoundingClientRect().width)).toBe(240);
    await triplets.scrollIntoViewIfNeeded();
    await app.screenshot('results-triplets-large');
    await page.reload(); // the size is remembered
    await page.getByTestId('triplet').first().waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('triplet').first().getByRole('button', { name: /^Open misclassified sample/ }).locator('img').evaluate((img) => img.getBoundingClientRect().width)).toBe(240);
    expect(app.errors.filter((e) => !e.includes('Failed to load resource'))).toEqual([]);
  });
});
