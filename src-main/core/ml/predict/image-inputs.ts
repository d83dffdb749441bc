/**
 * Images to predict, from paths (the CLI) or uploaded bytes (a page), decoded exactly as imported images
 * are (decodeImage, at the model's side and channels). A file that cannot be read or decoded is reported by name with the reason and the
 * others go on; nothing quotes a file's contents.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ImageChannels } from '../../../../src-common/dataset.ts';
import { decodeImage, unreadableImageReason } from '../../datasets/image-folder-reader.ts';

export interface FileProblem {
  file: string;
  reason: string;
}

/** One image to decode: the name reports use, and how to get its bytes. */
export interface ImageSource {
  name: string;
  bytes: () => Promise<Buffer>;
}

export interface DecodedImages {
  names: string[];
  pixels: Uint8Array;             // names.length x side x side x channels, 8-bit
  errors: FileProblem[];
}

const byName = new Intl.Collator('en', { numeric: true }).compare;

/** Each path is an image file or a folder whose files (not subfolders, not hidden files) are taken, by name. */
export async function imageFilesAt(paths: readonly string[]): Promise<{ sources: ImageSource[]; errors: FileProblem[] }> {
  const sources: ImageSource[] = [];
  const errors: FileProblem[] = [];
  const file = (path: string): ImageSource => ({ name: path, bytes: () => readFile(path) });
  for (const path of paths) {
    const found = await stat(path).catch((e: NodeJS.ErrnoException) => e);
    if (found instanceof Error) {
      errors.push({ file: path, reason: found.code === 'ENOENT' || found.code === 'ENOTDIR' ? 'no such file or folder' : `cannot read (${found.code ?? found.message})` });
    } else if (found.isDirectory()) {
      const entries = (await readdir(path, { withFileTypes: true })).filter((e) => !e.name.startsWith('.')).sort((a, b) => byName(a.name, b.name));
      for (const e of entries) {
        if (e.isFile()) sources.push(file(join(path, e.name)));
        else if (e.isDirectory()) errors.push({ file: join(path, e.name), reason: 'a folder inside a given folder (only the files directly inside are read)' });
      }
      if (entries.length === 0) errors.push({ file: path, reason: 'an empty folder' });
    } else sources.push(file(path));
  }
  return { sources, errors };
}

/** Decodes every source to side x side gray (or RGB), the input of the model it is for. */
export async function decodeImages(sources: readonly ImageSource[], side: number, channels: ImageChannels = 1): Promise<DecodedImages> {
  const names: string[] = [];
  const decoded: Uint8Array[] = [];
  const errors: FileProblem[] = [];
  for (const s of sources) {
    let bytes: Buffer;
    try {
      bytes = await s.bytes();
    } catch (e) {
      errors.push({ file: s.name, reason: `cannot read (${(e as NodeJS.ErrnoException).code ?? 'read error'})` });
      continue;
    }
    if (bytes.length === 0) {
      errors.push({ file: s.name, reason: 'an empty file' });
      continue;
    }
    try {
      decoded.push((await decodeImage(bytes, side, channels)).pixels);
      names.push(s.name);
    } catch (e) {
      errors.push({ file: s.name, reason: unreadableImageReason(e) });
    }
  }
  const per = side * side * channels;
  const pixels = new Uint8Array(decoded.length * per);
  decoded.forEach((p, i) => pixels.set(p, i * per));
  return { names, pixels, errors };
}
