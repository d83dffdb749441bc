import { mkdir, readdir, rename, rm, rmdir } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { SPLITS } from '../../../src-common/classes.ts';
import type { Workspace } from '../store/workspace.ts';
import { DatasetError } from './dataset-error.ts';
import { partialPathFor } from './atomic-output.ts';
import { samplesInPages, withSnapshot } from './snapshot.ts';

const PARALLEL = 8;

/** A class name as a folder name: path separators and characters file systems refuse become '-' ('T-shirt/top' -> 'T-shirt-top'). */
export const classFolderName = (name: string): string => name.replace(/[/\\:*?"<>|\x00-\x1f]/g, '-').replace(/^\.+/, '-') || '-';

/**
 * Writes `<out>/<split>/<class name>/<id>.png` (8-bit grayscale or RGB PNG, as stored; current labels) into a hidden
 * folder beside `out`, renamed to `out` when complete: an interrupted export leaves no half tree.
 * `out` must not exist yet, or be an empty folder.
 */
export async function exportFolders(ws: Workspace, out: string, options: { includeExcluded: boolean; onRows?: (rows: number) => void }): Promise<{ rows: number }> {
  await assertFreeTarget(out);
  const tmp = partialPathFor(out);
  let rows = 0;
  try {
    const { classes, side, channels } = ws.dataset;
    const folders = classes.map(classFolderName);
    for (const split of SPLITS) for (const name of folders) await mkdir(join(tmp, split, name), { recursive: true });
    await withSnapshot(ws, async (db) => {
      for (const page of samplesInPages(db, { includeExcluded: options.includeExcluded, page: 512 })) {
        for (let i = 0; i < page.length; i += PARALLEL) {
          await Promise.all(
            page.slice(i, i + PARALLEL).map((s) =>
              sharp(s.pixels, { raw: { width: side, height: side, channels } })
                .toColourspace(channels === 3 ? 'srgb' : 'b-w')
                .png()
                .toFile(join(tmp, s.split, folders[s.label]!, `${s.id}.png`)),
            ),
          );
        }
        rows += page.length;
        options.onRows?.(rows);
      }
    });
    await rmdir(out).catch(() => {}); // an empty target folder is replaced
    await rename(tmp, out);
  } catch (e) {
    await rm(tmp, { recursive: true, force: true });
    throw e;
  }
  return { rows };
}

/** `out` must not exist, or be an empty folder. */
export async function assertFreeTarget(out: string): Promise<void> {
  let entries: string[];
  try {
    entries = await readdir(out);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return;
    if (code === 'ENOTDIR') throw new DatasetError(`${out} is a file; folder export needs a new or empty folder.`);
    throw e;
  }
  if (entries.length) throw new DatasetError(`${out} already exists and is not empty; choose a new folder.`);
}
