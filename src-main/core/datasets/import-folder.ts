import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type { SkippedRow } from '../api/workspace-api.ts';
import type { Split } from '../../../src-common/classes.ts';
import type { Db } from '../store/database.ts';
import { SampleStore } from '../store/samples.ts';
import { DatasetStore } from '../store/dataset.ts';
import { FER2013_DATASET, type DatasetDefinition, type ImageChannels } from '../../../src-common/dataset.ts';
import { SourceStore } from '../store/sources.ts';
import { DatasetError } from './dataset-error.ts';
import { decodeImage, unreadableImageReason, type FolderListing } from './image-folder-reader.ts';
import { emptySplitCounts, type SplitCounts } from './split-counts.ts';

/** sha256 over every listed image's relative path and bytes, in listing order: the folder's identity. */
export async function folderFingerprint(listing: FolderListing): Promise<string> {
  const hash = createHash('sha256');
  for (const img of listing.images) {
    hash.update(`${img.ref}\n${img.split}\n${img.label}\n`);
    hash.update(await readFile(img.file));
  }
  return hash.digest('hex');
}

export interface FolderWriteResult {
  imported: number;
  resized: number;
  skipped: SkippedRow[];
  counts: SplitCounts;
}

/** The dataset a folder defines: FER2013 when its classes are FER2013's, else one named after the folder. */
/** Photos mostly keep their class when mirrored; `mirrorable: false` says they do not (digits, letters, signs). */
/** `channels` 3 keeps the images' colour (RGB); 1, the default, stores them grayscale. */
export function folderDefinition(root: string, listing: FolderListing, side: number, mirrorable = true, channels: ImageChannels = 1): DatasetDefinition {
  const fer = listing.classes.length === FER2013_DATASET.classes.length && listing.classes.every((c, i) => c === FER2013_DATASET.classes[i]);
  if (fer && side === FER2013_DATASET.side && mirrorable && channels === FER2013_DATASET.channels) return FER2013_DATASET;
  return { name: basename(resolve(root)).replace(/\.csv$/i, ''), classes: [...listing.classes], side, originalSide: null, channels, splitNames: { Training: 'train', PublicTest: 'validation', PrivateTest: 'test' }, mirrorable };
}

/**
 * Decodes and writes the listed images as samples inside the caller's open import transaction, at the working
 * size of `definition` (which an empty workspace takes on; another workspace must already hold it);
 * ids follow the current max. Unreadable images are skipped and reported (strict: the first one throws).
 */
export async function writeFolder(db: Db, root: string, listing: FolderListing, fingerprint: string, definition: DatasetDefinition, options: { strict: boolean; split?: Split; onImage?: (done: number, total: number) => void }): Promise<FolderWriteResult> {
  const { side, channels } = new DatasetStore(db).define(definition);
  const samples = new SampleStore(db);
  const sources = new SourceStore(db);
  const skipped: SkippedRow[] = listing.skipped.map((s) => ({ file: s.file, reason: s.reason }));
  if (options.strict && skipped.length) throw new DatasetError(`${root}: ${skipped[0]!.file}: ${skipped[0]!.reason}. Nothing was imported (--strict).`);
  const sourceId = sources.add({ kind: 'image-folder', path: resolve(root), fingerprint });
  const insert = samples.inserter(sourceId);
  const first = samples.nextId();
  const counts = emptySplitCounts(definition.classes.length);
  let imported = 0;
  let resized = 0;
  for (const [order, img] of listing.images.entries()) {
    options.onImage?.(order, listing.images.length);
    let decoded: Awaited<ReturnType<typeof decodeImage>>;
    try {
      decoded = await decodeImage(await readFile(img.file), side, channels);
    } catch (e) {
      const reason = unreadableImageReason(e);
      if (options.strict) throw new DatasetError(`${img.ref}: ${reason}. Nothing was imported (--strict).`, { file: img.ref, reason });
      skipped.push({ file: img.ref, reason });
      continue;
    }
    if (decoded.converted) resized++;
    insert({ id: first + imported, sourceRow: order, sourceRef: img.ref, split: img.split, width: side, height: side, pixels: decoded.pixels, label: img.label });
    counts[img.split][img.label]!++;
    imported++;
  }
  if (imported === 0) throw new DatasetError(`${root}: none of the ${listing.images.length} images could be read. Nothing was imported.`, { skipped: skipped.slice(0, 100) });
  sources.finish(sourceId, imported, { layout: listing.layout, split: options.split ?? null, resized, skipped: skipped.length });
  return { imported, resized, skipped, counts };
}
