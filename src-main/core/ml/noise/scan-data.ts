import { IMAGE_PIXELS } from '../../../../src-common/classes.ts';
import type { ScanConfig } from '../../api/noise-api.ts';
import type { Workspace } from '../../store/workspace.ts';
import type { ImageSet } from '../train.ts';
import { stratifiedSubset } from './folds.ts';

/** The samples a scan scores: one split, excluded rows left out, optionally a stratified subset. Only 48x48 images train. */
export function loadScanSet(workspace: Workspace, config: Pick<ScanConfig, 'split' | 'limit' | 'seed'>): ImageSet & { ids: Int32Array } {
  const rows: Array<{ id: number; label: number; pixels: Uint8Array }> = [];
  for (const r of workspace.samples.iterate({ split: config.split, withPixels: true })) {
    if (r.width * r.height === IMAGE_PIXELS && r.pixels) rows.push({ id: r.id, label: r.label, pixels: r.pixels });
  }
  const keep = config.limit ? stratifiedSubset(rows.map((r) => r.label), config.limit, config.seed) : rows.map((_, i) => i);
  const count = keep.length;
  const pixels = new Uint8Array(count * IMAGE_PIXELS);
  const labels = new Int32Array(count);
  const ids = new Int32Array(count);
  keep.forEach((src, i) => {
    const r = rows[src]!;
    pixels.set(r.pixels, i * IMAGE_PIXELS);
    labels[i] = r.label;
    ids[i] = r.id;
  });
  return { pixels, labels, ids, count };
}

/** The samples of `set` at `indices`, as a new ImageSet. */
export function subsetOf(set: ImageSet, indices: readonly number[]): ImageSet {
  const pixels = new Uint8Array(indices.length * IMAGE_PIXELS);
  const labels = new Int32Array(indices.length);
  indices.forEach((src, i) => {
    pixels.set(set.pixels.subarray(src * IMAGE_PIXELS, (src + 1) * IMAGE_PIXELS), i * IMAGE_PIXELS);
    labels[i] = set.labels[src]!;
  });
  return { pixels, labels, count: indices.length };
}

