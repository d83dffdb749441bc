/**
 * Reads the IDX files of the MNIST family (MNIST, Fashion-MNIST, KMNIST): a big-endian header
 * (two zero bytes, a type byte, a dimension count, one uint32 per dimension) followed by the data.
 * Only unsigned bytes (type 0x08) are read: every image and label file of the family uses them.
 */
import { readFile, readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { DatasetError } from './dataset-error.ts';

export interface IdxArray {
  dims: number[];
  data: Uint8Array;
}

export interface IdxImages {
  count: number;
  height: number;
  width: number;
  pixels: Uint8Array; // count*height*width, row-major, one byte per pixel
  labels: Uint8Array;
}

export interface IdxPairPaths {
  images: string;
  labels: string;
}

const UNSIGNED_BYTE = 0x08;
const OTHER_TYPES: Record<number, string> = { 0x09: 'signed byte', 0x0b: 'int16', 0x0c: 'int32', 0x0d: 'float32', 0x0e: 'float64' };

const count = (n: number) => n.toLocaleString('en-US');
const hex = (b: number) => '0x' + b.toString(16).padStart(2, '0');

/** Gzip is recognised by its magic bytes, not by the file name: a renamed or already-unpacked file still reads. */
function gunzipIfNeeded(bytes: Uint8Array): Uint8Array {
  if (bytes.length < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  try {
    return gunzipSync(bytes);
  } catch {
    throw new DatasetError('starts like a gzip file but does not unpack (truncated or damaged?).');
  }
}

/** Parses one IDX array (plain or gzip); errors say what is wrong, never quote the data. */
export function readIdx(bytes: Uint8Array): IdxArray {
  const raw = gunzipIfNeeded(bytes);
  if (raw.length < 4) throw new DatasetError(`too short for an IDX header (${count(raw.length)} bytes).`);
  if (raw[0] !== 0 || raw[1] !== 0) throw new DatasetError('not an IDX file: it does not start with two zero bytes.');
  const type = raw[2]!;
  if (type !== UNSIGNED_BYTE) {
    throw new DatasetError(`IDX type ${hex(type)}${OTHER_TYPES[type] ? ` (${OTHER_TYPES[type]})` : ''} is not supported: only ${hex(UNSIGNED_BYTE)} (unsigned byte).`);
  }
  const rank = raw[3]!;
  const headerBytes = 4 + 4 * rank;
  if (raw.length < headerBytes) throw new DatasetError(`header declares ${rank} dimensions but the file ends after ${count(raw.length)} bytes.`);
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const dims = Array.from({ length: rank }, (_, i) => view.getUint32(4 + 4 * i, false));
  const expected = headerBytes + dims.reduce((a, b) => a * b, 1);
  if (raw.length !== expected) {
    throw new DatasetError(`expected ${count(expected)} bytes for ${dims.join('x') || 'a scalar'}, got ${count(raw.length)}.`);
  }
  return { dims, data: raw.subarray(headerBytes) };
}

async function readIdxFile(path: string): Promise<IdxArray> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch {
    throw new DatasetError(`${basename(path)}: not found or unreadable.`);
  }
  try {
    return readIdx(bytes);
  } catch (e) {
    if (e instanceof DatasetError) throw new DatasetError(`${basename(path)}: ${e.message}`);
    throw e;
  }
}

/** An images file (count x height x width) and its labels file (count), checked against each other. */
export async function readIdxPair(imagesPath: string, labelsPath: string): Promise<IdxImages> {
  const [images, labels] = await Promise.all([readIdxFile(imagesPath), readIdxFile(labelsPath)]);
  if (images.dims.length !== 3) throw new DatasetError(`${basename(imagesPath)}: expected 3 dimensions (count x height x width), got ${images.dims.length}.`);
  if (labels.dims.length !== 1) throw new DatasetError(`${basename(labelsPath)}: expected 1 dimension (count), got ${labels.dims.length}.`);
  const [n, height, width] = images.dims as [number, number, number];
  if (labels.dims[0] !== n) {
    throw new DatasetError(`${basename(labelsPath)}: ${count(labels.dims[0]!)} labels for the ${count(n)} images of ${basename(imagesPath)}.`);
  }
  return { count: n, height, width, pixels: images.data, labels: labels.data };
}

const PAIR_PREFIXES = { train: 'train', test: 't10k' } as const;

/** The standard file names in `folder` (plain preferred over .gz when both are there). */
export async function findIdxPairs(folder: string): Promise<{ train: IdxPairPaths; test: IdxPairPaths }> {
  let names: Set<string>;
  try {
    names = new Set(await readdir(folder));
  } catch {
    throw new DatasetError(`Folder not found or unreadable: ${folder}.`);
  }
  const missing: string[] = [];
  const find = (name: string): string => {
    const found = [name, `${name}.gz`].find((candidate) => names.has(candidate));
    if (!found) missing.push(`${name}[.gz]`);
    return found ? join(folder, found) : '';
  };
  const pair = (prefix: string): IdxPairPaths => ({ images: find(`${prefix}-images-idx3-ubyte`), labels: find(`${prefix}-labels-idx1-ubyte`) });
  const pairs = { train: pair(PAIR_PREFIXES.train), test: pair(PAIR_PREFIXES.test) };
  if (missing.length > 0) throw new DatasetError(`${folder}: missing ${missing.join(', ')}.`);
  return pairs;
}
