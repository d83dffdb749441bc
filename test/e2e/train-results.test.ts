import { beforeAll, describe, expect, it } from 'vitest';
import type { JobInfo, RunComparison, RunDetail, RunSummary, ScanSummary } from '../../src-main/core/api.ts';
import { importFullFer2013, openStudio, studioPagePerFile } from './helpers/studio-page.ts';

const app = studioPagePerFile('fer-e2e-train-', (tmp) => openStudio(tmp.path('w.db'), importFullFer2013));
/** Why training cannot run here (a handler not built yet, no engine that trains), or null when it can. */
let blocked: string | null = null;

beforeAll(async () => {
  try {
    const report = (await app.studio.call('engines', {})) as { candidates: Array<{ trains: boolean }> };
    if (!report.candidates.some((c) => c.trains)) blocked = 'no TF.js engine that trains on this machine';
  } catch (e) {
    blocked = `engines: ${(e as Error).message}`;
  }
});

describe('Train view and Results on real FER2013', () => {
  it('retrains from the Train view (256 samples, 2 epochs) and the curves update live', async () => {
    // wasm trains everywhere the suite runs: a missing engine is a failure, not a skip.
    expect(blocked, 'a TF.js engine that trains').toBeNull();
    const { page } = app;
    await startTraining({ model: 'cnn-small', epochs: 2, limit: 256 });
    await page.getByTestId('job-status').waitFor();
    const points = (id: string) => page.getByTestId(id).getAttribute('data-points').then(Number);
    await expect.poll(() => points('chart-batch-loss'), { timeout: 120_000, interval: 500 }).toBeGreaterThan(0);
    await app.screenshot('train-running');
    await expect.poll(() => points('chart-epoch-loss'), { timeout: 240_000, interval: 1000 }).toBeGreaterThanOrEqual(2);
    await page.locator('[data-testid=job-status][data-state=done]').waitFor({ timeout: 240_000 });
    const jobs = (await app.studio.call('listJobs', {})) as JobInfo[];
    expect(jobs[0]).toMatchObject({ kind: 'train', state: 'done' });
    // Opening the settings drawer must not change the splits (unset <select>s once wrote 'Training' into all three).
    const run = (await app.studio.call('getRun', { id: jobs[0]!.runId! })) as RunDetail;
    expect([run.validation?.split, run.test?.split]).toEqual(['PublicTest', 'PrivateTest']);
    await app.screenshot('train-done');
    expect(localStorageSettings(await page.evaluate(() => localStorage.getItem('fer-studio.train')))).toMatchObject({ epochs: 2, limit: 256 });
  });

  it('shows the run: accuracy, per-class table, confusion matrix whose cells open samples, and triplets', async () => {
    // wasm trains everywhere the suite runs: a missing engine is a failure, not a skip.
    expect(blocked, 'a TF.js engine that trains').toBeNull();
    const { page } = app;
    await page.goto(`${app.server.origin}/#/results`);
    await page.getByTestId('run-headline').waitFor();
    // The engine report's precision (the settings drawer's default, fp32; wasm runs fp32 anyway).
    expect(await page.getByTestId('run-headline').textContent()).toContain('cnn-small · fp32 · labels v');
    await page.getByTestId('class-metrics').waitFor();
    const matrix = page.getByTestId('confusion-matrix');
    await matrix.waitFor();
    // an off-diagonal cell with samples: a confusion
    const cells = await matrix.locator('button:not([disabled])').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!));
    const off = cells.find((id) => {
      const [, t, p] = id.split('-');
      return t !== p;
    });
    expect(off, 'a 2-epoch model still confuses some classes').toBeDefined();
    await page.getByTestId(off!).click();
    const strip = page.getByTestId('cell-samples');
    await strip.locator('img').first().waitFor();
    await strip.locator('button').first().click();
    await page.getByTestId('sample-panel').waitFor();
    await page.getByTestId('sample-panel').getByText('Prediction (run').waitFor();
    await app.screenshot('results');
    await page.getByTestId('triplet').first().waitFor({ timeout: 20_000 });
    await page.getByTestId('triplets').scrollIntoViewIfNeeded();
    await app.screenshot('results-triplets');
    expect(app.errors.filter((e) => !e.includes('Failed to load resource'))).toEqual([]);
  });

  it('offers a fine-tune of the finished run beside from scratch, each with its time, and starts it', async () => {
    expect(blocked, 'a TF.js engine that trains').toBeNull();
    const { page, studio } = app;
    await page.goto(`${app.server.origin}/#/train`);
    const fine = page.getByTestId('train-button-fine-tune');
    const [done] = ((await studio.call('listRuns', {})) as RunSummary[]).filter((r) => r.status === 'done');
    await expect.poll(() => fine.textContent(), { timeout: 20_000 }).toMatch(new RegExp(`^Fine-tune run ${done!.id} · ~\\d`));
    const scratchSeconds = Number(await page.getByTestId('train-button').getAttribute('data-estimate'));
    expect(Number(await fine.getAttribute('data-estimate'))).toBeLessThan(scratchSeconds);
    await page.getByTestId('train-button-plan').getByText(/Times estimated from the speed of run \d+/).waitFor();
    await app.screenshot('train-retrain-options');
    await fine.click();
    // Wait for the new run itself: the view may still show the finished job of the first test until the new one starts.
    const newest = async () => ((await studio.call('listRuns', {})) as RunSummary[])[0]!;
    await expect.poll(async () => { const n = await newest(); return n.id > done!.id && n.status; }, { timeout: 120_000, interval: 500 }).toBe('done');
    await page.locator('[data-testid=job-status][data-state=done]').waitFor();
    const latest = await newest();
    const run = (await studio.call('getRun', { id: latest!.id })) as RunDetail;
    expect(run.config).toMatchObject({ initFromRunId: done!.id, epochs: 1, model: 'cnn-small', limit: 256 }); // a third of the 2-epoch settings, at least 1
    expect(app.errors).toEqual([]);
  }, 180_000);

  it('compares two runs: both label sets, both confusion matrices and their difference, flipped samples, label changes', async () => {
    expect(blocked, 'a TF.js engine that trains').toBeNull();
    const { page, studio } = app;
    // Clean a few training labels (as a reviewer would), then a second run: cnn-tiny, 4 epochs on 800 samples.
    const training = (await studio.call('listSamples', { split: 'Training' })) as { ids: number[]; labels: number[] };
    const relabel = training.ids.slice(0, 40).filter((_, i) => training.labels[i] !== 3).slice(0, 5);
    await studio.call('setLabel', { ids: relabel, label: 3 });
    // The same seed and evaluation size (a quarter of the limit, at least 200) as the first run: the same 200 test samples.
    const { jobId, runId } = (await studio.call('startTrain', { model: 'cnn-tiny', epochs: 4, limit: 800 })) as { jobId: string; runId: number };
    expect((await studio.jobs.whenEnded(jobId)).state).toBe('done');
    const runs = (await studio.call('listRuns', {})) as RunSummary[];
    const first = runs.find((r) => r.id !== runId && r.status === 'done')!;
    const expected = (await studio.call('compareRuns', { a: first.id, b: runId })) as RunComparison;
    expect(expected.ferPlus).not.toBeNull();
    expect(expected.labelChanges).toMatchObject({ split: 'Training', labels: 5 });
    expect(expected.differences).toContain('model: cnn-small vs cnn-tiny');
    await page.goto(`${app.server.origin}/#/results`);
    await page.getByRole('tab', { name: 'Compare runs' }).click();
    const table = page.getByTestId('run-compare');
    await table.waitFor();
    // Newest is B, the one before it A.
    await expect.poll(() => table.locator('thead th').nth(2).textContent()).toBe(`B: run ${runId}`);
    expect(await table.locator('thead th').nth(1).textContent()).toBe(`A: run ${first.id}`);
    const points = (text: string | null) => Number(text!.replace('−', '-').replace(' pt', ''));
    expect(points(await table.locator('tbody tr').first().locator('td').nth(2).textContent())).toBeCloseTo(expected.given.accuracyDelta * 100, 1);
    expect(points(await page.getByTestId('ferplus-accuracy-delta').textContent())).toBeCloseTo(expected.ferPlus!.accuracyDelta * 100, 1);
    expect(await table.locator('tbody tr').count()).toBe(2 + 7); // accuracy, macro-F1, 7 classes
    await page.getByTestId('compare-differences').getByText('model: cnn-small vs cnn-tiny').waitFor();
    expect(await page.getByTestId('compare-f1-chart').getAttribute('data-bars')).toBe('14');
    // Both matrices (FER+ majority by default) and B - A.
    const cell = (m: string, t: number, p: number) => page.getByTestId(`${m}-${t}-${p}`).textContent().then((x) => Number(x!.replace(/,/g, '')));
    const diff = await page.getByTestId('compare-matrix-diff').locator('tbody tr').nth(3).locator('td').nth(3).textContent();
    const d33 = (await cell('cmb', 3, 3)) - (await cell('cma', 3, 3));
    expect(diff).toBe(d33 > 0 ? `+${d33}` : d33 === 0 ? '·' : `−${-d33}`);
    expect(await cell('cma', 3, 3)).toBe(expected.a.ferPlus.available ? expected.a.ferPlus.test!.confusion[3]![3] : -1);
    // Flipped samples open in the sample panel.
    const fixed = page.getByTestId('flips-fixed');
    await fixed.getByText(`wrong in A, right in B: ${expected.flips.fixedCount.toLocaleString('en-US')}`).waitFor();
    const flipped = expected.flips.fixed[0] ?? expected.flips.broken[0]!;
    await page.locator(`[data-testid^=flips-] button[data-id="${flipped}"]`).click();
    await page.getByTestId('sample-panel').getByRole('heading', { name: `Sample #${flipped}` }).waitFor();
    // What changed in the training labels between the two runs.
    await page.getByTestId('label-changes').getByText('5 labels changed').waitFor();
    await page.getByRole('tab', { name: 'Compare runs' }).scrollIntoViewIfNeeded();
    await app.screenshot('results-compare');
    await page.getByTestId('compare-matrices').scrollIntoViewIfNeeded();
    await app.screenshot('results-compare-matrices');
    // Picking the same run twice asks for two different ones.
    await page.getByTestId('compare-b').selectOption(String(first.id));
    await page.getByText('Pick two different runs.').waitFor();
  }, 240_000);

  it('stored settings keep what a person chose, less the all-Training splits an old bug wrote', async () => {
    const { page } = app;
    await page.goto(`${app.server.origin}/#/train`);
    const stored = { epochs: 3, trainSplit: 'Training', valSplit: 'Training', testSplit: 'Training' };
    await page.evaluate((v) => localStorage.setItem('fer-studio.train', v), JSON.stringify(stored));
    await page.reload();
    await page.getByRole('button', { name: 'Settings…' }).click();
    const drawer = page.locator('#train-drawer');
    expect(await drawer.getByLabel('Epochs').inputValue()).toBe('3');
    expect(await drawer.getByLabel('Validation split').inputValue()).toBe('PublicTest');
    expect(await drawer.getByLabel('Test split').inputValue()).toBe('PrivateTest');
    await drawer.getByLabel('Test split').selectOption('PublicTest');
    expect(localStorageSettings(await page.evaluate(() => localStorage.getItem('fer-studio.train')))).toMatchObject({ epochs: 3, valSplit: 'PublicTest', testSplit: 'PublicTest' });
    await page.evaluate(() => localStorage.removeItem('fer-studio.train'));
  });

  it('training presets show their estimated time before anything starts, and picking one sets its recipe', async () => {
    const { page } = app;
    await page.goto(`${app.server.origin}/#/train`);
    await page.evaluate(() => localStorage.removeItem('fer-studio.train'));
    await page.reload();
    const preset = (name: string) => page.getByTestId(`train-preset-${name}`);
    const estimate = (name: string) => preset(name).getAttribute('data-estimate').then(Number);
    await expect.poll(() => estimate('best')).toBeGreaterThan(0);
    // balanced is the default; on all of Training each preset costs more than the one before
    expect(await preset('balanced').getAttribute('aria-pressed')).toBe('true');
    const [quick, balanced, best] = [await estimate('quick'), await estimate('balanced'), await estimate('best')];
    expect(quick).toBeLessThan(balanced);
    expect(balanced).toBeLessThan(best);
    expect(await preset('quick').textContent()).toMatch(/^quick · ~\d/);
    await preset('best').click();
    await page.getByTestId('train-summary').filter({ hasText: 'vgg-fer · 30 epochs' }).waitFor();
    expect(await preset('best').getAttribute('aria-pressed')).toBe('true');
    expect(await preset('balanced').getAttribute('aria-pressed')).toBe('false');
    await page.getByRole('button', { name: 'Settings…' }).click();
    expect(await page.locator('#train-drawer').getByLabel('Early stopping patience').inputValue()).toBe('0');
    await app.screenshot('train-presets');
    // the Retrain button's estimate follows the preset picked
    await preset('quick').click();
    await page.getByTestId('train-summary').filter({ hasText: 'cnn-small · 3 epochs' }).waitFor();
    // (the preset button's estimate as it is now: a run finishing meanwhile would change both)
    await expect.poll(async () => Number(await page.getByTestId('train-button').getAttribute('data-estimate')) === (await estimate('quick'))).toBe(true);
    expect(await page.locator('#train-drawer').getByLabel('Early stopping patience').inputValue()).toBe('8');
    await page.evaluate(() => localStorage.removeItem('fer-studio.train'));
  });

  it('scan presets fill in the scan settings (fast on CPU, thorough)', async () => {
    const { page } = app;
    await page.goto(`${app.server.origin}/#/train`);
    const scan = page.getByRole('region', { name: 'Label-noise scan' });
    await page.getByTestId('scan-preset-fast-cpu').click();
    await expect.poll(() => scan.getByLabel('Folds').inputValue()).toBe('2');
    expect(await scan.getByLabel('Model').inputValue()).toBe('cnn-small');
    expect(await scan.getByLabel('Epochs').inputValue()).toBe('8');
    await scan.scrollIntoViewIfNeeded();
    await app.screenshot('train-scan-presets');
    await page.getByTestId('scan-preset-thorough').click();
    await expect.poll(() => scan.getByLabel('Folds').inputValue()).toBe('4');
    expect(await scan.getByLabel('Epochs').inputValue()).toBe('12');
  });

  it('a scan started from the Train view runs to the end, joins the scan history and fills the Review queue', async () => {
    const { page } = app;
    const scan = await startScan({ model: 'cnn-tiny', folds: 2, epochs: 1, limit: 300 });
    await page.locator('[data-testid=job-status][data-state=done]').waitFor({ timeout: 240_000 });
    // one loss line per fold (each fold trains its own model from epoch 1); no per-batch chart for a scan
    await page.locator('[data-testid=chart-epoch-loss][data-lines="2"][data-points="2"]').waitFor();
    expect(await page.getByTestId('chart-batch-loss').count()).toBe(0);
    const [latest] = (await app.studio.call('listScans', {})) as ScanSummary[];
    // The scan form's precision (fp32, its default) is what the engine ran, and the history says so.
    expect(latest).toMatchObject({ status: 'done', model: 'cnn-tiny', folds: 2, epochs: 1, limit: 300, scored: 300, precision: 'fp32' });
    const row = page.locator(`[data-testid=scan-history] tr[data-scan="${latest!.id}"]`);
    await row.filter({ hasText: 'cnn-tiny, 2 folds x 1 epochs, 300 of Training' }).waitFor();
    await row.filter({ hasText: `${latest!.engine} · fp32` }).waitFor();
    expect(await row.getAttribute('data-status')).toBe('done');
    expect(await row.locator('td.num').allTextContents()).toEqual([latest!.scored, latest!.issues, latest!.flags].map((n) => n.toLocaleString('en-US')));
    await scan.scrollIntoViewIfNeeded();
    await app.screenshot('train-scan-history');
    // The scan's two fold models, averaged, evaluated as a run of their own from the history row (nothing trained).
    await row.getByTestId('evaluate-ensemble').click();
    const newest = async () => ((await app.studio.call('listRuns', {})) as RunSummary[])[0];
    await expect.poll(async () => (await newest())?.kind === 'ensemble' && (await newest())?.status, { timeout: 120_000, interval: 500 }).toBe('done');
    await page.locator('[data-testid=job-status][data-state=done]').waitFor();
    const ensemble = await newest();
    expect(ensemble).toMatchObject({ kind: 'ensemble', status: 'done', model: 'cnn-tiny', epochs: 0 });
    expect(ensemble!.valAccuracy).not.toBeNull();
    await page.goto(`${app.server.origin}/#/train`);
    await row.getByRole('link', { name: 'in Review' }).click();
    await page.getByText(`scan ${latest!.id} · card 1 of ${latest!.flags}`).waitFor();
    // each card shows its first 5 look-alikes with their labels
    const alikes = page.getByTestId('review-card').first().getByTestId('card-look-alikes');
    await alikes.waitFor();
    expect(await alikes.locator('[data-neighbour]').count()).toBe(5);
    await app.screenshot('review-card-look-alikes');

    // A flagged sample's panel shows its nearest look-alikes from the scan, with their labels.
    await page.goto(`${app.server.origin}/#/dataset`);
    await page.getByLabel('Flagged').selectOption('yes');
    await page.getByTestId('grid-count').filter({ hasText: `${latest!.flags.toLocaleString('en-US')} sample` }).waitFor();
    await page.locator('[data-cell="0"]').click();
    const look = page.getByTestId('look-alikes');
    await look.waitFor();
    expect(await look.locator('li[data-neighbour]').count()).toBe(5);
    expect((await page.getByTestId('look-alikes-note').textContent())!.replace(/\s+/g, ' ')).toMatch(new RegExp(`\\d+ of its 10 nearest look-alikes \\(scan ${latest!.id}\\) carry its label`));
    await look.scrollIntoViewIfNeeded();
    await app.screenshot('sample-look-alikes');
    expect(app.errors).toEqual([]);
  }, 360_000); // its own waits allow the scan 240 s and the ensemble 120 s on a busy machine

  it('a cancelled scan resumes from the scan history and runs to the end', async () => {
    const { page } = app;
    const scan = await startScan({ model: 'cnn-tiny', folds: 2, epochs: 2, limit: 600 });
    await page.getByTestId('images-per-second').waitFor({ timeout: 120_000 });
    await page.getByTestId('cancel-job').click();
    await page.locator('[data-testid=job-status][data-state=cancelled]').waitFor({ timeout: 60_000 });
    const [cancelled] = (await app.studio.call('listScans', {})) as ScanSummary[];
    expect(cancelled).toMatchObject({ status: 'cancelled', limit: 600 });
    const row = page.locator(`[data-testid=scan-history] tr[data-scan="${cancelled!.id}"]`);
    await page.locator(`[data-testid=scan-history] tr[data-scan="${cancelled!.id}"][data-status=cancelled]`).waitFor();
    await scan.scrollIntoViewIfNeeded();
    await app.screenshot('train-scan-cancelled');
    await row.getByTestId('resume-scan').click();
    await page.locator('[data-testid=job-status][data-state=done]').waitFor({ timeout: 240_000 });
    await page.locator(`[data-testid=scan-history] tr[data-scan="${cancelled!.id}"][data-status=done]`).waitFor();
    const [done] = (await app.studio.call('listScans', {})) as ScanSummary[];
    expect(done).toMatchObject({ id: cancelled!.id, status: 'done', scored: 600, roundsSaved: 0 });
    expect(app.errors).toEqual([]);
  });

  it('a cancelled run resumes from Results: its earlier epochs stay on the curves and it trains to the end', async () => {
    const { page } = app;
    await startTraining({ model: 'cnn-tiny', epochs: 6, limit: 1024 });
    const chart = page.getByTestId('chart-epoch-loss');
    await expect.poll(() => chart.getAttribute('data-points').then(Number), { timeout: 120_000, interval: 100 }).toBeGreaterThan(0);
    await page.getByTestId('cancel-job').click();
    await page.locator('[data-testid=job-status][data-state=cancelled]').waitFor({ timeout: 60_000 });
    const [job] = (await app.studio.call('listJobs', {})) as JobInfo[];
    const runId = job!.runId!;
    const cancelled = (await app.studio.call('getRun', { id: runId })) as RunDetail;
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.history.length).toBeLessThan(6);
    await page.getByTestId('resume-run').filter({ hasText: `Resume run ${runId}` }).waitFor();

    await page.goto(`${app.server.origin}/#/results`);
    await page.getByLabel('Run').selectOption(String(runId));
    await page.getByText('This run has no evaluation yet (cancelled).').waitFor();
    await page.getByTestId('resume-run').filter({ hasText: `Resume run ${runId} from epoch ${cancelled.history.length + 1}` }).click();
    await page.waitForURL(/#\/train$/);
    await page.locator('[data-testid=job-status][data-state=done]').waitFor({ timeout: 120_000 });
    // the epochs before the cancel come from the run's history, the rest streamed in
    await expect.poll(async () => Number(await chart.getAttribute('data-points')) / Number(await chart.getAttribute('data-lines'))).toBe(6);
    const done = (await app.studio.call('getRun', { id: runId })) as RunDetail;
    expect(done.status).toBe('done');
    expect(done.history.map((h) => h.epoch)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(done.history.slice(0, cancelled.history.length)).toEqual(cancelled.history);
    await app.screenshot('train-resumed');
    await page.evaluate(() => localStorage.removeItem('fer-studio.train'));
    expect(app.errors).toEqual([]);
  }, 240_000);
});

/** Sets model, epochs and sample limit in the Train view's settings drawer and presses Retrain. */
async function startTraining(settings: { model: string; epochs: number; limit: number }): Promise<void> {
  const { page } = app;
  await page.goto(`${app.server.origin}/#/train`);
  await page.getByRole('button', { name: 'Settings…' }).click();
  const drawer = page.locator('#train-drawer');
  await drawer.getByLabel('Architecture').selectOption(settings.model);
  await drawer.getByLabel('Epochs').fill(String(settings.epochs));
  await drawer.getByLabel('Limit (samples)').fill(String(settings.limit));
  await page.getByTestId('train-summary').filter({ hasText: `${settings.model} · ${settings.epochs} epochs` }).waitFor();
  // The estimate is on the button before anything starts.
  await expect.poll(() => page.getByTestId('train-button').getAttribute('data-estimate').then(Number)).toBeGreaterThan(0);
  expect(await page.getByTestId('train-button').textContent()).toMatch(/^Retrain from scratch · ~\d/);
  await page.getByTestId('train-button').click();
}

/** Fills in the Train view's scan form and presses Start scan; returns the scan region. */
async function startScan(settings: { model: string; folds: number; epochs: number; limit: number }) {
  const { page } = app;
  await page.goto(`${app.server.origin}/#/train`);
  const scan = page.getByRole('region', { name: 'Label-noise scan' });
  await scan.getByLabel('Model').selectOption(settings.model);
  await scan.getByLabel('Folds').fill(String(settings.folds));
  await scan.getByLabel('Epochs').fill(String(settings.epochs));
  await scan.getByLabel('Limit').fill(String(settings.limit));
  await page.getByTestId('scan-button').click();
  return scan;
}

function localStorageSettings(text: string | null): unknown {
  return text === null ? null : JSON.parse(text);
}
