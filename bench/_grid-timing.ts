/**
 * What the Dataset grid costs a person, measured inside headless Chromium (bench ui, bench scale).
 * In-page code goes as strings: tsx would wrap named functions in a `__name` helper the page lacks.
 */
import type { Page } from 'playwright-core';

// Resolves once every grid cell in view has its image decoded and painted (the overscan rows below are lazy).
const VISIBLE_CELLS_PAINTED = `new Promise((done) => {
  const check = () => {
    const grid = document.querySelector('[data-testid=sample-grid]');
    const box = grid ? grid.getBoundingClientRect() : null;
    const imgs = box ? [...grid.querySelectorAll('[data-cell] img')].filter((i) => { const r = i.getBoundingClientRect(); return r.bottom > box.top && r.top < box.bottom; }) : [];
    if (imgs.length > 0 && imgs.every((i) => i.complete && i.naturalWidth > 0)) requestAnimationFrame(() => done(performance.now()));
    else requestAnimationFrame(check);
  };
  check();
})`;

/** Page load -> first grid paint in ms from navigation start, on a fresh load of `origin`'s Dataset view. */
export async function firstGridPaintMs(page: Page, origin: string): Promise<number> {
  await page.goto('about:blank');
  await page.goto(origin + '/#/dataset');
  return (await page.evaluate(VISIBLE_CELLS_PAINTED)) as number;
}

/**
 * Sets a filter bar <select> (found by `selector`) to `value` as a person would, and returns the ms until
 * the grid shows the result: its count reads `count` and its first cell is sample `firstId`.
 */
export async function gridChangeMs(page: Page, selector: string, value: string, expect: { count: number; firstId: number }): Promise<number> {
  return (await page.evaluate(`new Promise((done, fail) => {
    const select = ${selectorExpression(selector)};
    if (!select) return fail(new Error('no select ${selector.replace(/'/g, '')}'));
    const t0 = performance.now();
    select.value = ${JSON.stringify(value)};
    select.dispatchEvent(new Event('change', { bubbles: true }));
    const check = () => {
      const count = (document.querySelector('[data-testid=grid-count]')?.textContent ?? '').replace(/\\D/g, '');
      const first = document.querySelector('[data-cell="0"]')?.getAttribute('data-id');
      if (count === '${expect.count}' && first === '${expect.firstId}') done(performance.now() - t0);
      else if (performance.now() - t0 > 60000) fail(new Error('grid did not update within 60 s'));
      else requestAnimationFrame(check);
    };
    check();
  })`)) as number;
}

// 'label:Sort' finds the <select> inside the <label> whose text starts with Sort; anything else is a CSS selector.
const selectorExpression = (selector: string) =>
  selector.startsWith('label:')
    ? `[...document.querySelectorAll('label')].find((l) => l.textContent.trim().startsWith(${JSON.stringify(selector.slice(6))}))?.querySelector('select')`
    : `document.querySelector(${JSON.stringify(selector)})`;
