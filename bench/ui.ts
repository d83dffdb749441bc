/**
 * `npm run bench -- ui [--keys 30] [--step 200] [--json]`: the studio UI on all 35,887 real FER2013 samples,
 * served by the HTTP door in-process and driven in headless Chromium at 1280x800:
 *  - page load -> first grid paint (every visible cell's image decoded and painted),
 *  - frame rate while scrolling the whole grid top to bottom (`--step` px per frame: 200 = 12,000 px/s, two rows a frame),
 *  - keypress in the Review view -> its label_events row committed in SQLite (target < 50 ms).
 */
import { resolve } from 'node:path';
import { Flags, parseArgs } from '../src-main/cli/args.ts';
import { tempDir } from '../test/helpers/temp-workspace.ts';
import { seedFerPlusScan } from '../test/e2e/helpers/ferplus-scan.ts';
import { importFullFer2013, openStudio } from '../test/e2e/helpers/studio-page.ts';
import { firstGridPaintMs } from './_grid-timing.ts';
import { pctile, r1, summary } from './_stats.ts';

export async function run(argv: string[]): Promise<void> {
  const flags = new Flags(parseArgs(argv));
  const keys = flags.int('keys') ?? 30;
  const step = flags.int('step') ?? 200;
  const json = flags.bool('json');
  flags.rejectUnknown();

  const tmp = tempDir('fer-bench-ui-');
  const app = await openStudio(resolve(tmp.dir, 'w.db'), async (studio) => {
    await importFullFer2013(studio);
    seedFerPlusScan(studio.workspace, { maxFlags: 1000 });
  });
  try {
    const { page } = app;
    const say = (line: string) => process.stderr.write(line + '\n');
    // 1. First grid paint, measured in the page from navigation start, on a fresh load.
    const firstPaintMs = await firstGridPaintMs(page, app.server.origin);
    say(`first grid paint ${Math.round(firstPaintMs)} ms; scrolling…`);
    const samples = await page.getByTestId('grid-count').textContent();

    // 2. Scroll the whole grid, one step per animation frame, recording every frame's duration.
    const scroll = (await page.evaluate(`new Promise((done) => {
      const el = document.querySelector('[data-testid=sample-grid]');
      const frames = [];
      let maxCells = 0;
      let last = performance.now();
      const tick = (now) => {
        frames.push(now - last);
        last = now;
        maxCells = Math.max(maxCells, el.querySelectorAll('[data-cell]').length);
        if (el.scrollTop + el.clientHeight >= el.scrollHeight - 1) return done({ frames: frames.slice(1), maxCells, height: el.scrollHeight });
        el.scrollTop += ${step};
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    })`)) as { frames: number[]; maxCells: number; height: number };
    say(`scrolled in ${scroll.frames.length} frames; timing ${keys} keypresses…`);
    const seconds = scroll.frames.reduce((a, b) => a + b, 0) / 1000;

    // 3. Keypress -> label_events row: the core emits 'labels' right after the write commits.
    await page.goto(app.server.origin + '/#/review');
    await page.getByTestId('review-card').waitFor();
    const db = app.studio.workspace.db;
    const latest = () => (db.prepare('SELECT COALESCE(MAX(id), 0) AS id FROM label_events').get() as { id: number }).id;
    const latencies: number[] = [];
    for (let i = 0; i < keys; i++) {
      const card = await page.getByTestId('review-card').getAttribute('data-sample');
      const before = latest();
      const label = (app.studio.workspace.samples.get(Number(card))!.label + 1 + (i % 6)) % 7; // always a real change
      const committed = new Promise<number>((done, fail) => {
        const timer = setTimeout(() => fail(new Error(`no label write within 5 s of pressing ${label + 1} on sample ${card}`)), 5000);
        const off = app.studio.subscribe((e) => {
          if (e.type === 'labels') {
            off();
            clearTimeout(timer);
            done(performance.now());
          }
        });
      });
      const t0 = performance.now();
      await page.keyboard.press(String(label + 1));
      const t1 = await committed;
      if (latest() <= before) throw new Error('keypress did not write a label_events row');
      latencies.push(t1 - t0);
      await page.waitForFunction((prev) => document.querySelector('[data-testid=review-card]')?.getAttribute('data-sample') !== prev, card);
    }

    const result = {
      samples: Number(samples?.replace(/\D/g, '')),
      firstGridPaintMs: Math.round(firstPaintMs),
      scroll: {
        pixels: scroll.height,
        stepPx: step,
        frames: scroll.frames.length,
        seconds: r1(seconds),
        fps: r1(scroll.frames.length / seconds),
        p95FrameMs: r1(pctile(scroll.frames, 0.95)),
        maxFrameMs: r1(Math.max(...scroll.frames)),
        maxCellsInDom: scroll.maxCells,
      },
      keyToRowMs: summary(latencies),
      pageErrors: app.errors.length,
    };
    console.log(`UI bench on ${result.samples.toLocaleString()} samples (headless Chromium 1280x800, HTTP door in-process)`);
    console.log(`  page load -> first grid paint : ${result.firstGridPaintMs} ms`);
    console.log(`  scroll whole grid             : ${result.scroll.pixels.toLocaleString()} px in ${result.scroll.frames} frames, ${result.scroll.seconds} s = ${result.scroll.fps} fps (p95 frame ${result.scroll.p95FrameMs} ms, max ${result.scroll.maxFrameMs} ms, <= ${result.scroll.maxCellsInDom} cells in the DOM)`);
    console.log(`  keypress -> label_events row  : median ${result.keyToRowMs.median} ms, p95 ${result.keyToRowMs.p95} ms, max ${result.keyToRowMs.max} ms over ${result.keyToRowMs.n} keys (target < 50 ms)`);
    if (result.pageErrors) console.log(`  page errors: ${app.errors.join(' | ')}`);
    if (json) console.log(JSON.stringify(result));
  } finally {
    await app.close();
    tmp.cleanup();
  }
}
