/**
 * `npm run screenshots [-- --fresh] [--scan-limit N] [--train-limit N] [--epochs N] [--model M] [--out DIR] [--only ten-classes]`:
 * the README's screenshots, made from a real scan and a real training run on the real FER2013 rows, so they
 * show what the studio really shows.
 *
 * 1. A base workspace (.scratch/screenshots/base.db, reused unless --fresh): all 35,887 FER2013 rows with
 *    their FER+ votes, and a fast-cpu scan of a stratified --scan-limit of Training (cnn-small, 2 folds x 8 epochs).
 * 2. A copy of it is served (`fer-studio serve` in-process) to headless Chromium at 1280x800; with the Train view
 *    open, a real run trains from scratch (--model, --epochs on a stratified --train-limit of Training) and
 *    the page follows it live. Then each view is captured: docs/screenshots/*.png.
 * About 10 minutes on 2 shared cores with the defaults, most of it the scan (first time only) and the run.
 * 3. Fashion-MNIST (Debian's dataset-fashion-mnist) imported into a workspace of its own: the Dataset view of a
 *    10-class dataset after two relabels by key (ten-classes.png). `--only ten-classes` makes just that one.
 */
import { copyFileSync, existsSync, linkSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { Flags, parseArgs, UsageError } from '../src-main/cli/args.ts';
import type { RunDetail, ScanSummary, StudioClient } from '../src-main/core/api.ts';
import { SCAN_PRESETS } from '../src-common/scan-presets.ts';
import { MODEL_NAMES } from '../src-common/model-engine-names.ts';
import { localClient } from '../src-main/core/studio/local-client.ts';
import { Studio } from '../src-main/core/studio/studio.ts';
import { ensureRendererBuilt, BUILD_COMMAND } from '../src-main/server/renderer-build.ts';
import { DEFAULT_RENDERER_DIR, startServer } from '../src-main/server/server.ts';
import { FASHION_MNIST_DIR } from '../src-main/core/datasets/idx-families.ts';

const root = resolve(import.meta.dirname, '..');
const datasets = process.env.FER_DATASETS ?? resolve(root, '../shared/datasets');
const say = (line: string) => console.error(`[screenshots] ${line}`);
const VIEWPORT = { width: 1280, height: 800 };

async function main(argv: string[]): Promise<void> {
  const flags = new Flags(parseArgs(argv));
  const fresh = flags.bool('fresh');
  const scanLimit = flags.int('scan-limit') ?? 4000;
  const trainLimit = flags.int('train-limit') ?? 6000;
  const epochs = flags.int('epochs') ?? 8;
  const model = (flags.string('model') ?? 'cnn-tiny') as RunDetail['config']['model'];
  const out = resolve(root, flags.string('out') ?? 'docs/screenshots');
  const only = flags.string('only');
  flags.rejectUnknown();
  if (only !== undefined && only !== 'ten-classes') throw new UsageError(`--only takes ten-classes (got '${only}').`);
  if (!(MODEL_NAMES as readonly string[]).includes(model)) throw new UsageError(`--model must be one of ${MODEL_NAMES.join(', ')}.`);
  if (!existsSync(join(datasets, 'fer2013.csv.gz'))) throw new UsageError(`No fer2013.csv.gz in ${datasets}: set FER_DATASETS to the folder that holds it and fer2013new.csv.`);
  ensureRendererBuilt(DEFAULT_RENDERER_DIR, say);
  mkdirSync(out, { recursive: true });
  await showTenClasses(resolve(root, '.scratch/screenshots'), out);
  if (only) return;

  const dir = resolve(root, '.scratch/screenshots');
  mkdirSync(dir, { recursive: true });
  mkdirSync(out, { recursive: true });
  const base = join(dir, 'base.db');
  if (fresh || !(await hasScan(base, scanLimit))) await prepareBase(base, scanLimit);

  // Each run works on a copy, so the decisions and the run it makes never pile up in the base.
  const work = join(dir, 'work.db');
  for (const suffix of ['', '-wal', '-shm']) rmSync(work + suffix, { force: true });
  rmSync(`${work}.runs`, { recursive: true, force: true });
  copyFileSync(base, work);
  // the browser door's data folder, holding the real files (linked, or copied where a link cannot be made)
  const data = join(dir, 'data');
  rmSync(data, { recursive: true, force: true });
  mkdirSync(data);
  for (const name of ['fer2013.csv.gz', 'fer2013new.csv']) linkOrCopy(join(datasets, name), join(data, name));
  const studio = new Studio(work, { dataDir: data });
  const api = localClient(studio);
  const server = await startServer({ studio, log: say });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'], headless: true });
  try {
    const page = await browser.newPage({ viewport: VIEWPORT, colorScheme: 'light' });
    const shot = async (name: string) => {
      await page.waitForTimeout(400); // charts and images settle
      await page.screenshot({ path: join(out, `${name}.png`) });
      say(`wrote ${join(out, `${name}.png`)}`);
    };
    await page.goto(`${server.origin}/#/train`);
    await trainWhileWatching(page, api, studio, { model, epochs, limit: trainLimit });
    await shot('train');
    await showResults(page, server.origin, shot);
    await showReview(page, server.origin, shot);
    await showFiles(page, shot);
    await showDataset(page, server.origin, shot);
  } finally {
    await browser.close();
    await server.close();
    await studio.close();
  }
}

function linkOrCopy(from: string, to: string): void {
  try {
    linkSync(from, to);
  } catch {
    copyFileSync(from, to);
  }
}

/** Whether the base workspace exists with a finished scan of this size (then it is reused). */
async function hasScan(base: string, limit: number): Promise<boolean> {
  if (!existsSync(base)) return false;
  const studio = new Studio(base);
  try {
    const scans = (await localClient(studio).listScans({})) as ScanSummary[];
    return scans.some((s) => s.status === 'done' && s.limit === limit);
  } finally {
    await studio.close();
  }
}

async function prepareBase(base: string, scanLimit: number): Promise<void> {
  for (const suffix of ['', '-wal', '-shm']) rmSync(base + suffix, { force: true });
  const studio = new Studio(base);
  const api = localClient(studio);
  try {
    say(`importing FER2013 with FER+ votes from ${datasets}`);
    await api.importFer2013({ path: join(datasets, 'fer2013.csv.gz'), votesPath: join(datasets, 'fer2013new.csv') });
    say(`scanning ${scanLimit} Training images (fast-cpu: ${JSON.stringify(SCAN_PRESETS['fast-cpu'])})`);
    const t = performance.now();
    const { jobId } = await api.startScan({ ...SCAN_PRESETS['fast-cpu'], limit: scanLimit });
    const ended = await studio.jobs.whenEnded(jobId);
    if (ended.state !== 'done') throw new Error(`The scan ended ${ended.state}: ${ended.error ?? 'no message'}`);
    say(`scan done in ${((performance.now() - t) / 60_000).toFixed(1)} min`);
  } finally {
    await studio.close();
  }
}

/** Trains from scratch while the page shows the Train view, which follows the job live (curves, batch loss). */
async function trainWhileWatching(page: Page, api: StudioClient, studio: Studio, config: { model: RunDetail['config']['model']; epochs: number; limit: number }): Promise<void> {
  await page.getByTestId('train-button').waitFor();
  say(`training ${config.model} for ${config.epochs} epochs on ${config.limit} Training images`);
  const t = performance.now();
  const { jobId, runId } = await api.startTrain({ ...config, seed: 1 });
  const ended = await studio.jobs.whenEnded(jobId);
  if (ended.state !== 'done') throw new Error(`The run ended ${ended.state}: ${ended.error ?? 'no message'}`);
  const run = await api.getRun({ id: runId });
  say(`run ${runId} done in ${((performance.now() - t) / 60_000).toFixed(1)} min: test accuracy ${((run.test?.accuracy ?? 0) * 100).toFixed(1)}%`);
  await page.getByTestId('job-status').and(page.locator('[data-state="done"]')).waitFor();
  await dismissToasts(page);
}

async function dismissToasts(page: Page): Promise<void> {
  // one at a time: each click removes a toast, so a list of them taken up front goes stale
  const dismiss = page.getByRole('button', { name: 'Dismiss' });
  for (let left = 20; left > 0 && (await dismiss.count()) > 0; left--) await dismiss.first().click();
}

type Shot = (name: string) => Promise<void>;

async function showResults(page: Page, origin: string, shot: Shot): Promise<void> {
  await page.goto(`${origin}/#/results`);
  await page.getByTestId('confusion-matrix').waitFor();
  await shot('results');
  await page.getByTestId('triplet').first().waitFor();
  await page.getByTestId('triplets').scrollIntoViewIfNeeded();
  await shot('results-triplets');
}

async function showReview(page: Page, origin: string, shot: Shot): Promise<void> {
  await page.goto(`${origin}/#/review`);
  await page.getByTestId('review-card').waitFor();
  await page.getByTestId('scan-quality').waitFor();
  // three decisions by key, so the list of decisions beside the card shows what it is for
  for (const key of ['Enter', 'k', 'Enter']) {
    const before = await page.getByTestId('review-card').getAttribute('data-sample');
    await page.keyboard.press(key);
    await page.waitForFunction((id) => document.querySelector('[data-testid="review-card"]')?.getAttribute('data-sample') !== id, before);
  }
  await dismissToasts(page);
  await shot('review');
  await page.getByRole('radio', { name: 'Page of cards' }).click();
  await shot('review-page');
  await page.keyboard.press('m');
  await page.getByTestId('error-matrix').waitFor();
  await shot('review-error-matrix');
}

/** The Import / export dialog of the browser door, after exporting the decisions just made as a diff. */
async function showFiles(page: Page, shot: Shot): Promise<void> {
  await page.getByTestId('files-button').click();
  const dialog = page.getByTestId('files-dialog');
  await dialog.getByTestId('import-name').waitFor();
  await dialog.getByTestId('export-format').selectOption('diff');
  await dialog.getByTestId('export-start').click();
  await dialog.getByTestId('files-result').waitFor();
  await dismissToasts(page);
  await shot('files');
  await page.keyboard.press('Escape');
}

async function showDataset(page: Page, origin: string, shot: Shot): Promise<void> {
  await page.goto(`${origin}/#/dataset`);
  await page.locator('[data-cell="0"] img').waitFor();
  await page.getByLabel('Sort').selectOption('score');
  await page.getByTestId('grid-count').waitFor();
  await page.waitForTimeout(500);
  await shot('dataset');
  // the score threshold and its bulk accept: the lower thumb a fifth of the way down from the top
  await page.getByTestId('score-min').focus();
  await page.keyboard.press('End');
  for (let i = 0; i < 20; i++) await page.keyboard.press('ArrowLeft');
  await page.getByTestId('accept-above').waitFor();
  await page.waitForTimeout(500);
  await shot('dataset-score-filter');
  await page.getByTestId('score-min').focus();
  await page.keyboard.press('Home');
  await page.getByRole('button', { name: 'Switch to dark theme' }).click();
  await page.waitForTimeout(500);
  await shot('dataset-dark');
  await page.getByRole('button', { name: 'Switch to light theme' }).click();
}

/** A 10-class dataset (Fashion-MNIST, all 70,000 images) in the Dataset view: its names, colours and keys 1-9, 0. */
async function showTenClasses(dir: string, out: string): Promise<void> {
  if (!existsSync(join(FASHION_MNIST_DIR, 'train-images-idx3-ubyte.gz'))) return say(`no Fashion-MNIST in ${FASHION_MNIST_DIR} (apt install dataset-fashion-mnist): ten-classes.png not made`);
  const path = join(dir, 'fashion.db');
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
  mkdirSync(dir, { recursive: true });
  const studio = new Studio(path);
  const server = await startServer({ studio, log: say });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'], headless: true });
  try {
    await localClient(studio).importIdx({ path: FASHION_MNIST_DIR, classes: 'fashion-mnist' });
    const page = await browser.newPage({ viewport: VIEWPORT, colorScheme: 'light' });
    await page.goto(`${server.origin}/#/dataset`);
    await page.locator('[data-cell="0"] img').waitFor();
    await page.locator('[data-cell="1"]').click(); // a T-shirt: 0 makes it an Ankle boot, 7 a Shirt
    await page.keyboard.press('0');
    await page.keyboard.press('7');
    await page.getByTestId('sample-panel').waitFor();
    await dismissToasts(page);
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(out, 'ten-classes.png') });
    say(`wrote ${join(out, 'ten-classes.png')}`);
  } finally {
    await browser.close();
    await server.close();
    await studio.close();
  }
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (e: unknown) => {
    say(e instanceof UsageError ? e.message : e instanceof Error ? (e.stack ?? e.message) : String(e));
    if (!(e instanceof UsageError)) say(`(the renderer comes from ${BUILD_COMMAND})`);
    process.exit(1);
  },
);
