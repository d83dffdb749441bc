import { deflateSync } from 'node:zlib';

/**
 * A minimal PNG encoder for 8-bit grayscale (or RGB) images: one IHDR, one IDAT, one IEND.
 * Synchronous and allocation-light, so a 48x48 sample encodes in microseconds without a native image library.
 */
const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  out.set(data, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** `channels` 3: RGB, interleaved (HWC), as an RGB dataset stores its samples. */
export function encodeGrayPng(width: number, height: number, pixels: Uint8Array, channels: 1 | 3 = 1): Buffer {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) throw new RangeError(`Bad image size ${width}x${height}.`);
  const values = width * height * channels;
  if (pixels.length !== values) throw new RangeError(`Expected ${values} ${channels === 1 ? 'pixels' : 'values'} for ${width}x${height}${channels === 1 ? '' : 'x3'}, got ${pixels.length}.`);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = channels === 3 ? 2 : 0; // color type: truecolour or grayscale
  // compression, filter, interlace: 0
  const row = width * channels;
  const raw = Buffer.alloc((row + 1) * height); // each scanline: filter byte 0 (none), then the row
  for (let y = 0; y < height; y++) raw.set(pixels.subarray(y * row, (y + 1) * row), y * (row + 1) + 1);
  return Buffer.concat([SIGNATURE, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', new Uint8Array(0))]);
}

/** A stored sample as PNG: its byte count says whether it is grayscale or RGB (width x height x 1 or 3). */
export function encodeSamplePng(image: { width: number; height: number; pixels: Uint8Array }): Buffer {
  return encodeGrayPng(image.width, image.height, image.pixels, image.pixels.length === image.width * image.height * 3 ? 3 : 1);
}
