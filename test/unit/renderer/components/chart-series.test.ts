import { _updateBezierControlPoints } from 'chart.js/helpers';
import { describe, expect, it } from 'vitest';
import { LINE_SHAPE } from '../../../../src-renderer/src/lib/components/chart-series.ts';

/**
 * The curves Chart.js draws with the charts' line shape, checked through Chart.js's own control points:
 * a Bezier segment lies inside the hull of its control points, so control points between the two data points'
 * values mean the drawn line never goes above or below the data around it.
 */
describe('LINE_SHAPE', () => {
  it('draws no peak or dip that is not in the data (a per-batch loss curve with sharp turns)', () => {
    const losses = [1.79, 1.87, 1.915, 1.72, 1.87, 1.83, 1.73, 1.845, 1.77, 1.71, 1.81, 1.85];
    const points: Array<{ x: number; y: number; cp1y?: number; cp2y?: number }> = losses.map((loss, i) => ({ x: 20 + 4 * i, y: 300 - 100 * loss }));
    _updateBezierControlPoints(points as never, { tension: 0, ...LINE_SHAPE } as never /* Chart.js's default tension under the shape */, { left: -1e6, top: -1e6, right: 1e6, bottom: 1e6, width: 2e6, height: 2e6 }, false, 'x');
    for (let i = 0; i + 1 < points.length; i++) {
      const [a, b] = [points[i]!, points[i + 1]!];
      const [low, high] = [Math.min(a.y, b.y), Math.max(a.y, b.y)];
      for (const y of [a.cp2y!, b.cp1y!]) {
        expect(y).toBeGreaterThanOrEqual(low - 1e-9);
        expect(y).toBeLessThanOrEqual(high + 1e-9);
      }
    }
  });
});
