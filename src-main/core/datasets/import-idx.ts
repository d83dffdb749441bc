/**
 * Imports an MNIST-family folder (train-* and t10k-* IDX pairs) as a dataset of its own: the training pairs
 * give Training and, from their last tenth, PublicTest (validation); t10k gives PrivateTest (test).
 * The images keep their own size as the working size (28 px for the family). IDX files carry no class
 * names: they come from the caller (a known family name or a list), else the ids are the names.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type { Split } from '../../../src-common/classes.ts';
import { WORKING_SIDES, type DatasetDefinition } from '../../../src-common/dataset.ts';
import type { SkippedRow } from '../api/workspace-api.ts';
import type { Db } from '../store/database.ts';
import { DatasetStore } from '../store/dataset.ts';
import { SampleStore } from '../store/samples.ts';
import { SourceStore } from '../store/sources.ts';
import { DatasetError } from './dataset-error.ts';
import { findIdxPairs, readIdxPair, type IdxImages, type IdxPairPaths } from './idx-reader.ts';
import { emptySplitCounts, type SplitCounts } from './split-counts.ts';
import { IDX_FAMILIES, type IdxFamily } from './idx-families.ts';

/** The share of the training files held out as validation (PublicTest): their last rows, so the split is reproducible. */
export const IDX_VALIDATION_SHARE = 0.1;

export interface IdxFolder {
  paths: { train: IdxPairPaths; test: IdxPairPaths };
  train: IdxImages;
  test: IdxImages;
  fingerprint: string;
}

/** Finds and reads both pairs; the fingerprint hashes all four files, so re-importing the same folder is recognised. */
export async function readIdxFolder(folder: string): Promise<IdxFolder> {
  const paths = await findIdxPairs(folder);
  const [train, test] = [await readIdxPair(paths.train.images, paths.train.labels), await readIdxPair(paths.test.images, paths.test.labels)];
  if (train.width !== test.width || train.height !== test.height) throw new DatasetError(`${folder}: training images are ${train.width}x${train.height}, test images ${test.width}x${test.height}.`);
  if (train.width !== train.height) throw new DatasetError(`${folder}: images are ${train.width}x${train.height}; only square images are imported.`);
  if (!(WORKING_SIDES as readonly number[]).includes(train.width)) throw new DatasetError(`${folder}: images are ${train.width}x${train.width}; working sizes are ${WORKING_SIDES.join(', ')} px.`);
  const hash = createHash('sha256');
  for (const p of [paths.train.images, paths.train.labels, paths.test.images, paths.test.labels]) hash.update(await readFile(p));
  return { paths, train, test, fingerprint: hash.digest('hex') };
}

/**
 * The definition an IDX folder gets: a known family's names, the given names, or the ids as names. Mirroring:
 * as asked, else the family's, else not mirrorable: the format's other datasets are characters (MNIST, EMNIST,
 * KMNIST), and training that never flips costs a little accuracy where flipping a character corrupts its label.
 */
export function idxDefinition(folder: IdxFolder, classes: { family?: IdxFamily; names?: readonly string[] }, mirrorable?: boolean): DatasetDefinition {
  let maxLabel = 0;
  for (const labels of [folder.train.labels, folder.test.labels]) for (const l of labels) if (l > maxLabel) maxLabel = l;
  const known = classes.family ? IDX_FAMILIES[classes.family] : null;
  const names = known ? [...known.classes] : classes.names ? [...classes.names] : Array.from({ length: maxLabel + 1 }, (_, i) => String(i));
  const side = folder.train.width;
  return {
    name: known?.name ?? basename(resolve(folder.paths.train.images, '..')),
    classes: names,
    side,
    originalSide: side,
    channels: 1,
    mirrorable: mirrorable ?? known?.mirrorable ?? false,
    splitNames: { Training: 'train', PublicTest: `validation (last ${IDX_VALIDATION_SHARE * 100}% of train)`, PrivateTest: 'test (t10k)' },
  };
}

export interface IdxWriteResult {
  sourceId: number;
  imported: number;
  skipped: SkippedRow[];
  counts: SplitCounts;
}

/**
 * Writes both pairs inside the caller's import transaction, after defining the workspace's dataset (refused when
 * the workspace holds another). A label beyond the class names is reported and skipped (strict: nothing is written).
 */
export function writeIdx(db: Db, folder: string, data: IdxFolder, definition: DatasetDefinition, options: { strict: boolean; onRows?: (done: number, total: number) => void }): IdxWriteResult {
  new DatasetStore(db).define(definition);
  const samples = new SampleStore(db);
  const sourceId = new SourceStore(db).add({ kind: 'idx', path: resolve(folder), fingerprint: data.fingerprint });
  const insert = samples.inserter(sourceId);
  const K = definition.classes.length;
  const side = definition.side;
  const per = side * side;
  const counts = emptySplitCounts(K);
  const skipped: SkippedRow[] = [];
  const validationFrom = Math.round(data.train.count * (1 - IDX_VALIDATION_SHARE));
  const total = data.train.count + data.test.count;
  let imported = 0;
  let row = 0;
  const parts: Array<{ images: IdxImages; labelsFile: string; split: (i: number) => Split }> = [
    { images: data.train, labelsFile: basename(data.paths.train.labels), split: (i) => (i < validationFrom ? 'Training' : 'PublicTest') },
    { images: data.test, labelsFile: basename(data.paths.test.labels), split: () => 'PrivateTest' },
  ];
  for (const part of parts) {
    for (let i = 0; i < part.images.count; i++, row++) {
      const label = part.images.labels[i]!;
      if (label >= K) {
        const reason = `label ${label} at item ${i + 1} of ${part.labelsFile}, but the dataset has ${K} classes (0..${K - 1})`;
        if (options.strict) throw new DatasetError(`${folder}: ${reason}. Nothing was imported (--strict).`);
        skipped.push({ file: part.labelsFile, reason });
        continue;
      }
      const split = part.split(i);
      insert({ sourceRow: row, split, width: side, height: side, pixels: part.images.pixels.subarray(i * per, (i + 1) * per), label });
      counts[split][label]!++;
      imported++;
      if (row % 5000 === 0) options.onRows?.(row, total);
    }
  }
  return { sourceId, imported, skipped, counts };
}
