import type { ScanConfig } from '../../api/noise-api.ts';
import type { Workspace } from '../../store/workspace.ts';
import type { ImageSet } from '../train.ts';
import { stratifiedSubset } from './folds.ts';

/** The samples a scan scores: one split, excluded rows left out, optionally a stratified subset. Only images of the dataset's working size train. */
export function loadScanSet(workspace: Workspace, config: Pick<ScanConfig, 'split' | 'limit' | 'seed'>): ImageSet & { ids: Int32Array; side: number; classes: number } {
  const { side, classes } = workspace.dataset;
  const per = side * side;
  const rows: Array<{ id: number; label: number; pixels: Uint8Array }> = [];
  for (const r of workspace.samples.iterate({ split: config.split, withPixels: true })) {
    if (r.width === side && r.height === side && r.pixels) rows.push({ id: r.id, label: r.label, pixels: r.pixels });
  }
  const keep = config.limit ? stratifiedSubset(rows.map((r) => r.label), config.limit, config.seed) : rows.map((_, i) => i);
  const count = keep.length;
  const pixels = new Uint8Array(count * per);
  const labels = new Int32Array(count);
  const ids = new Int32Array(count);
  keep.forEach((src, i) => {
    const r = rows[src]!;
    pixels.set(r.pixels, i * per);
    labels[i] = r.label;
    ids[i] = r.id;
  });
  return { pixels, labels, ids, count, side, classes: classes.length };
}
