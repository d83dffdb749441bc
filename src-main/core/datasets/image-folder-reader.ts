import { readdir, stat } from 'node:fs/promises';
import { join, posix } from 'node:path';
import sharp from 'sharp';
import { CLASS_NAMES, IMAGE_SIDE, SPLITS, parseClassOf, type Split } from '../../../src-common/classes.ts';
import { DatasetError } from './dataset-error.ts';
import type { ImageChannels } from '../../../src-common/dataset.ts';

/** Folder names accepted for each split (compared lower-case): FER2013's own names and the usual train/val/test. */
const SPLIT_FOLDERS: Record<string, Split> = {
  training: 'Training', train: 'Training',
  publictest: 'PublicTest', val: 'PublicTest', validation: 'PublicTest',
  privatetest: 'PrivateTest', test: 'PrivateTest',
};
/** What sharp (libvips) decodes here: the usual photo and image formats. */
const IMAGE_EXT = /\.(png|jpe?g|webp|gif|tiff?|avif)$/i;

export function splitOfFolder(name: string): Split | null {
  return SPLIT_FOLDERS[name.toLowerCase()] ?? null;
}

export interface FolderImage {
  ref: string;      // path relative to the root, '/'-separated: the sample's source_ref
  file: string;     // absolute path
  split: Split;
  label: number;
}

export interface FolderListing {
  layout: 'split/class' | 'class' | 'csv';
  /** Class names in id order: the workspace's, FER2013's when every folder names one of its classes, else the folders' own (sorted). */
  classes: string[];
  images: FolderImage[];
  skipped: Array<{ file: string; reason: string }>;
}

const byName = new Intl.Collator('en', { numeric: true }).compare;

async function subdirs(dir: string): Promise<string[]> {
  return (await readdir(dir, { withFileTypes: true })).filter((d) => d.isDirectory() && !d.name.startsWith('.')).map((d) => d.name).sort(byName);
}

/**
 * Lists `<root>/<split>/<class>/*` or `<root>/<class>/*` (split from `split`, default Training), in a stable order:
 * split, class id, then file name with numbers compared as numbers (2.png before 10.png).
 * `classes`: the workspace's class names when it holds a dataset already (a folder naming none of them is
 * reported, not imported); without them the folders define the classes (FER2013's ids when they all name its classes).
 * Files that are not images are reported, not imported.
 */
export async function listImageFolder(root: string, split?: Split, classes?: readonly string[]): Promise<FolderListing> {
  try {
    if (!(await stat(root)).isDirectory()) throw new DatasetError(`${root} is not a folder.`);
  } catch (e) {
    if (e instanceof DatasetError) throw e;
    throw new DatasetError(`Folder not found or unreadable: ${root}.`);
  }
  const top = await subdirs(root);
  const splitDirs = top.filter((d) => splitOfFolder(d));
  const layout: FolderListing['layout'] = splitDirs.length > 0 ? 'split/class' : 'class';
  const skipped: FolderListing['skipped'] = [];
  const groups: Array<{ rel: string; split: Split }> = [];
  if (layout === 'split/class') {
    if (split) throw new DatasetError(`${root} has split folders (${splitDirs.join(', ')}); a split option applies only to <root>/<class> folders.`);
    for (const d of top) if (!splitOfFolder(d)) skipped.push({ file: d + '/', reason: `folder '${d}' is not a split (expected ${SPLITS.join(', ')} or train/val/test)` });
    splitDirs.sort((a, b) => SPLITS.indexOf(splitOfFolder(a)!) - SPLITS.indexOf(splitOfFolder(b)!));
    for (const d of splitDirs) groups.push({ rel: d, split: splitOfFolder(d)! });
  } else groups.push({ rel: '', split: split ?? 'Training' });

  const dirsOf = new Map<string, string[]>();
  for (const g of groups) dirsOf.set(g.rel, await subdirs(join(root, g.rel)));
  const names = classes ? [...classes] : classNamesOf([...dirsOf.values()].flat());
  const images: FolderImage[] = [];
  for (const g of groups) {
    const classDirs = dirsOf.get(g.rel)!.map((name) => ({ name, label: parseClassOf(names, name) }));
    for (const c of classDirs) if (c.label === null) skipped.push({ file: posix.join(g.rel, c.name) + '/', reason: `folder '${c.name}' is not a class of this dataset (${names.length <= 12 ? names.join(', ') : `${names.length} classes`})` });
    for (const c of classDirs.filter((x) => x.label !== null).sort((a, b) => a.label! - b.label!)) {
      const rel = posix.join(g.rel, c.name);
      const entries = (await readdir(join(root, rel), { withFileTypes: true })).filter((e) => !e.name.startsWith('.')).sort((a, b) => byName(a.name, b.name));
      for (const e of entries) {
        const ref = posix.join(rel, e.name);
        if (!e.isFile()) continue;
        if (!IMAGE_EXT.test(e.name)) skipped.push({ file: ref, reason: 'not an image file (.png, .jpg, .webp, .gif, .tif, .avif)' });
        else images.push({ ref, file: join(root, rel, e.name), split: g.split, label: c.label! });
      }
    }
  }
  if (images.length === 0) throw new DatasetError(`${root}: no images found (expected <root>/<split>/<class>/*.png|jpg or <root>/<class>/*.png|jpg).`, { skipped });
  return { layout, classes: names, images, skipped };
}

/**
 * The classes a new dataset's folders (or listed labels) name: FER2013's (in its id order) when every one is one of
 * its class names or ids, as FER Studio's own export writes them; otherwise the distinct names, sorted.
 */
export function classNamesOf(folderNames: readonly string[]): string[] {
  if (folderNames.length > 0 && folderNames.every((n) => parseClassOf(CLASS_NAMES, n) !== null)) return [...CLASS_NAMES];
  const seen = new Map<string, string>();
  for (const n of folderNames) if (!seen.has(n.toLowerCase())) seen.set(n.toLowerCase(), n);
  return [...seen.values()].sort(byName);
}

/** What decodeImage does, in words: written into an exported model's model-info.json. */
export function decodeSteps(side: number, channels: ImageChannels = 1): string {
  const rgb = channels === 3;
  const colour = rgb ? "converted to 8-bit sRGB (a gray image's value repeated in R, G and B)" : 'converted to 8-bit grayscale (greyscale(), b-w colour space)';
  const layout = rgb ? 'pixels interleaved R, G, B (HWC)' : 'FER2013 rows are already 48x48 grayscale';
  return `sharp (libvips): alpha flattened onto black, ${colour}, resized to ${side}x${side} with fit "fill" (the aspect ratio is not kept; libvips' default lanczos3 kernel); ${layout}`;
}

/** decodeImage of one channel: grayscale, as every import but an RGB image folder or list stores it. */
export const decodeToGray = (bytes: Buffer, side: number = IMAGE_SIDE) => decodeImage(bytes, side, 1);

/**
 * Decodes any image sharp reads to side x side (48 unless the dataset says) 8-bit pixels of `channels`
 * (1: grayscale; 3: sRGB interleaved, a gray image's value in all three); `converted` says it was not already that.
 */
export async function decodeImage(bytes: Buffer, side: number, channels: ImageChannels): Promise<{ pixels: Uint8Array; converted: boolean }> {
  const meta = await sharp(bytes).metadata();
  const converted = meta.width !== side || meta.height !== side || meta.channels !== channels || (channels === 3 && meta.space !== 'srgb') || (meta.depth !== undefined && meta.depth !== 'uchar');
  // Alpha is flattened onto black first so it never becomes another channel; 'fill' keeps every pixel.
  const flat = sharp(bytes).flatten({ background: '#000000' });
  const fit = { fit: 'fill' } as const;
  const pipeline = channels === 1 ? flat.greyscale().resize(side, side, fit).toColourspace('b-w') : flat.resize(side, side, fit).toColourspace('srgb');
  const { data, info } = await pipeline.raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
  if (info.channels !== channels || data.length !== side * side * channels) throw new Error(`decoded to ${info.width}x${info.height}x${info.channels}, not ${side}x${side}x${channels}`);
  return { pixels: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), converted };
}

/**
 * Why an image did not decode, from sharp's error: its first line only, and never what a parser quotes of the
 * file (libxml2's messages on a malformed SVG name its tags: the message stops at 'XML parse error').
 */
export function unreadableImageReason(e: unknown): string {
  const first = (e instanceof Error ? e.message : String(e)).split('\n')[0]!;
  const xml = first.indexOf('XML parse error');
  const message = xml >= 0 ? first.slice(0, xml + 'XML parse error'.length) : first;
  return `unreadable image (${message.length > 160 ? `${message.slice(0, 160)}…` : message})`;
}
