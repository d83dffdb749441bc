import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { Studio } from '../../../src-main/core/studio/studio.ts';
import { DEFAULT_RENDERER_DIR, startServer, type RunningServer } from '../../../src-main/server/server.ts';
import { ensureRendererBuilt } from '../../../src-main/server/renderer-build.ts';
import { fer2013Path, ferPlusPath } from '../../helpers/fer-rows.ts';
import { tempDir } from '../../helpers/temp-workspace.ts';
import { seedFerPlusScan } from './ferplus-scan.ts';

export const SCREENSHOT_DIR = resolve(import.meta.dirname, '../../../test-results');

/** A workspace with all 35,887 real FER2013 rows and their FER+ votes (about 3 s). */
export async function importFullFer2013(studio: Studio): Promise<void> {
  await studio.call('importFer2013', { path: fer2013Path(), votesPath: ferPlusPath() });
}

/** The studio on the full FER2013 workspace with a FER+-votes scan of `maxFlags` flags: a real review queue in seconds. */
export function openStudioWithScan(workspacePath: string, maxFlags = 500): Promise<OpenStudio> {
  return openStudio(workspacePath, async (studio) => {
    await importFullFer2013(studio);
    seedFerPlusScan(studio.workspace, { maxFlags });
  });
}

/** The sample of the review card shown (one-at-a-time view). */
export async function shownCard(page: Page): Promise<number> {
  return Number(await page.getByTestId('review-card').getAttribute('data-sample'));
}

/** Walks the one-at-a-time review view with → to a sample's card, as a person would. */
export async function walkToCard(page: Page, sampleId: number, maxSteps = 1000): Promise<void> {
  for (let step = 0; (await shownCard(page)) !== sampleId; step++) {
    if (step === maxSteps) throw new Error(`card of sample ${sampleId} not reached in ${maxSteps} steps`);
    const shown = await shownCard(page);
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => shownCard(page)).not.toBe(shown);
  }
}

export interface OpenStudio {
  studio: Studio;
  server: RunningServer;
  browser: Browser;
  page: Page;
  errors: string[];
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

/** `fer-studio serve` in-process (port 0) + headless Debian Chromium at 1280x800 on the served page. */
export async function openStudio(workspacePath: string, prepare?: (studio: Studio) => Promise<void> | void, options: { token?: string; dataDir?: string } = {}): Promise<OpenStudio> {
  ensureRendererBuilt(DEFAULT_RENDERER_DIR, (l) => process.stderr.write(l + '\n'));
  const studio = new Studio(workspacePath, options.dataDir ? { dataDir: options.dataDir } : {});
  await prepare?.(studio);
  const server = await startServer({ studio, log: (l) => process.stderr.write(l + '\n'), ...(options.token ? { token: options.token } : {}) });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    headless: true,
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  await page.goto(server.url);
  if (!existsSync(SCREENSHOT_DIR)) mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return {
    studio,
    server,
    browser,
    page,
    errors,
    async screenshot(name) {
      const path = resolve(SCREENSHOT_DIR, `${name}.png`);
      await page.screenshot({ path });
      return path;
    },
    async close() {
      await browser.close();
      await server.close();
      await studio.close();
    },
  };
}

type TempDir = ReturnType<typeof tempDir>;

/**
 * The studio page of one test file: a temp folder now (`tmp`, prefix `prefix`), `open` in beforeAll, the page and
 * studio closed and the folder removed in afterAll. The object stands for the studio `open` gave, so tests read
 * `app.page` and `app.studio` as on an OpenStudio; hooks the file adds after this call run once it is open.
 */
export function studioPagePerFile(prefix: string, open: (tmp: TempDir) => Promise<OpenStudio>, timeoutMs?: number): OpenStudio & { tmp: TempDir } {
  const tmp = tempDir(prefix);
  let opened: OpenStudio | undefined;
  const app = (): OpenStudio => {
    if (!opened) throw new Error('studioPagePerFile: the studio opens in beforeAll');
    return opened;
  };
  beforeAll(async () => {
    opened = await open(tmp);
  }, timeoutMs);
  afterAll(async () => {
    await opened?.close();
    tmp.cleanup();
  });
  return {
    tmp,
    get studio() { return app().studio; },
    get server() { return app().server; },
    get browser() { return app().browser; },
    get page() { return app().page; },
    get errors() { return app().errors; },
    screenshot: (name) => app().screenshot(name),
    close: () => app().close(),
  };
}
