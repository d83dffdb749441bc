/**
 * Images to predict, from paths (the CLI) or uploaded bytes (a page), decoded exactly as imported images
 * are (decodeToGray). A file that cannot be read or decoded is reported by name with the reason and the
 * others go on; nothing quotes a file's contents.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { decodeToGray, unreadableImageReason } from '../../datasets/image-folder-reader.ts';

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
  pixels: Uint8Array;             // names.length x 48 x 48, 8-bit grayscale
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

/** Decodes every source to side x side gray, the input of the model it is for. */
export async function decodeImages(sources: readonly ImageSource[], side: number): Promise<DecodedImages> {
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
      decoded.push((await decodeToGray(bytes, side)).pixels);
      names.push(s.name);
    } catch (e) {
      errors.push({ file: s.name, reason: unreadableImageReason(e) });
    }
  }
  const pixels = new Uint8Array(decoded.length * side * side);
  decoded.forEach((p, i) => pixels.set(p, i * side * side));
  return { names, pixels, errors };
}
