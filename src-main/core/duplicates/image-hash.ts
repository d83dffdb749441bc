import { createHash } from 'node:crypto';

/** A 64-bit perceptual hash as two 32-bit halves (JS bit operations are 32-bit; a BigInt per compare is slow). */
export interface Hash64 {
  hi: number;
  lo: number;
}

/** The hash of the exact pixels: byte-identical images (same size) share it. */
export function exactPixelHash(pixels: Uint8Array, width: number, height: number): string {
  return createHash('sha1').update(`${width}x${height}:`).update(pixels).digest('hex');
}

/**
 * The pixels the perceptual hash reads: gray as stored, or the luma (ITU-R BT.601, as libvips' and most
 * converters' gray) of interleaved RGB. The hash is of shape and shading; two copies differing only in
 * colour balance stay near, and exact copies are found by exactPixelHash over the stored bytes anyway.
 */
export function grayPixels(pixels: Uint8Array, width: number, height: number): Uint8Array {
  const n = width * height;
  if (pixels.length !== n * 3) return pixels;
  const gray = new Uint8Array(n);
  for (let i = 0; i < n; i++) gray[i] = Math.round(0.299 * pixels[3 * i]! + 0.587 * pixels[3 * i + 1]! + 0.114 * pixels[3 * i + 2]!);
  return gray;
}

const DCT_SIZE = 8;
/** Gray levels (of 255) of the strongest low-frequency wave below which an image counts as flat. */
const FLAT_LEVELS = 0.5; // the 8x8 lowest frequencies: coarse shape and shading, blind to noise and JPEG artefacts

/** cos((2x+1)uπ / 2n) for u < 8 and x < n, cached per image side. */
const cosTables = new Map<number, Float64Array>();
function cosTable(n: number): Float64Array {
  let t = cosTables.get(n);
  if (!t) {
    t = new Float64Array(DCT_SIZE * n);
    for (let u = 0; u < DCT_SIZE; u++) for (let x = 0; x < n; x++) t[u * n + x] = Math.cos(((2 * x + 1) * u * Math.PI) / (2 * n));
    cosTables.set(n, t);
  }
  return t;
}

/**
 * DCT perceptual hash (pHash): the 8x8 lowest DCT-II coefficients of the whole image, one bit each for
 * "above the median of the 63 non-DC ones". Brightness and contrast changes, light noise and
 * recompression keep it (within a few bits); a different face, crop or expression does not.
 * Bit i is the coefficient of horizontal frequency i >> 3 and vertical frequency i & 7 (bit 0: DC, never set);
 * bits 0-31 in `lo`, 32-63 in `hi`.
 * null for a flat image (blank, or under FLAT_LEVELS of coarse structure): its bits would be rounding noise,
 * equal for every flat image whatever its shade, so such images are matched by exact pixels only.
 */
export function perceptualHash(pixels: Uint8Array, width: number, height: number): Hash64 | null {
  const rows = dctAxis(pixels, height, width, width, 1); // [y][horizontal]
  const coef = dctAxis(rows, DCT_SIZE, height, 1, DCT_SIZE); // [horizontal][vertical]
  let structure = 0;
  for (let i = 1; i < coef.length; i++) structure = Math.max(structure, Math.abs(coef[i]!));
  if (structure / (width * height) < FLAT_LEVELS) return null;
  const median = medianOf(coef.subarray(1));
  let hi = 0;
  let lo = 0;
  for (let i = 1; i < DCT_SIZE * DCT_SIZE; i++) {
    if (coef[i]! > median) {
      if (i < 32) lo |= 1 << i;
      else hi |= 1 << (i - 32);
    }
  }
  return { hi: hi >>> 0, lo: lo >>> 0 };
}

/** One axis of the separable DCT: out[line][u] = Σx src[line * lineStride + x * step] · cos_u(x), for the 8 lowest u. */
function dctAxis(src: ArrayLike<number>, lines: number, n: number, lineStride: number, step: number): Float64Array {
  const cos = cosTable(n);
  const out = new Float64Array(lines * DCT_SIZE);
  for (let line = 0; line < lines; line++) {
    for (let u = 0; u < DCT_SIZE; u++) {
      let s = 0;
      for (let x = 0; x < n; x++) s += src[line * lineStride + x * step]! * cos[u * n + x]!;
      out[line * DCT_SIZE + u] = s;
    }
  }
  return out;
}

function medianOf(values: Float64Array): number {
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Bits in which two hashes differ. */
export function hammingDistance(a: Hash64, b: Hash64): number {
  return popcount32((a.hi ^ b.hi) >>> 0) + popcount32((a.lo ^ b.lo) >>> 0);
}

/** 8 bytes, big-endian hi then lo: how a hash is stored. */
export function hashToBytes(h: Hash64): Buffer {
  const b = Buffer.alloc(8);
  b.writeUInt32BE(h.hi, 0);
  b.writeUInt32BE(h.lo, 4);
  return b;
}

export function hashFromBytes(b: Uint8Array): Hash64 {
  const buf = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  return { hi: buf.readUInt32BE(0), lo: buf.readUInt32BE(4) };
}
