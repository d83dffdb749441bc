import type { Chart, ChartOptions, ChartType } from 'chart.js';

/** Colours a chart's axes, grid and legend from the page theme (--muted, --border), then redraws without animation. */
export function applyThemeAndUpdate<T extends ChartType>(chart: Chart<T, unknown[], unknown>): void {
  const css = getComputedStyle(document.documentElement);
  const text = css.getPropertyValue('--muted').trim() || '#999';
  const grid = css.getPropertyValue('--border').trim() || '#444';
  const options = chart.options as ChartOptions<'line' | 'bar'>; // both kinds this app draws have x/y scales and a legend
  for (const axis of ['x', 'y'] as const) {
    const scale = options.scales![axis]!;
    scale.ticks = { ...scale.ticks, color: text };
    scale.grid = { ...scale.grid, color: grid };
    if ('title' in scale) scale.title = { ...scale.title, color: text };
  }
  options.plugins!.legend!.labels = { color: text };
  chart.update('none');
}
