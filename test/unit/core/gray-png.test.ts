import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { encodeGrayPng, encodeSamplePng } from '../../../src-main/core/gray-png.ts';

describe('encodeGrayPng', () => {
  it('writes a grayscale PNG that a real decoder reads back pixel for pixel', async () => {
    const pixels = Uint8Array.from({ length: 48 * 48 }, (_, i) => (i * 37 + (i >> 5)) % 256);
    const png = encodeGrayPng(48, 48, pixels);
    expect(await sharp(png).metadata()).toMatchObject({ format: 'png', width: 48, height: 48, channels: 1, depth: 'uchar' });
    const { data, info } = await sharp(png).extractChannel(0).raw().toBuffer({ resolveWithObject: true });
    expect(info).toMatchObject({ width: 48, height: 48, channels: 1 });
    expect(Buffer.compare(data, Buffer.from(pixels))).toBe(0);
  });

  it('handles non-square sizes', async () => {
    const pixels = Uint8Array.from({ length: 5 * 3 }, (_, i) => i * 10);
    const { data, info } = await sharp(encodeGrayPng(5, 3, pixels)).extractChannel(0).raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height]).toEqual([5, 3]);
    expect([...data]).toEqual([...pixels]);
  });

  it('rejects a pixel count that does not match the size', () => {
    expect(() => encodeGrayPng(48, 48, new Uint8Array(100))).toThrow(/Expected 2304 pixels for 48x48, got 100/);
  });

  it('writes an RGB PNG from interleaved pixels, and a stored sample as RGB when it holds three bytes a pixel', async () => {
    const pixels = Uint8Array.from({ length: 4 * 3 * 3 }, (_, i) => (i * 23) % 256);
    for (const png of [encodeGrayPng(4, 3, pixels, 3), encodeSamplePng({ width: 4, height: 3, pixels })]) {
      expect(await sharp(png).metadata()).toMatchObject({ format: 'png', width: 4, height: 3, channels: 3 });
      const { data } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
      expect([...data]).toEqual([...pixels]);
    }
    expect((await sharp(encodeSamplePng({ width: 4, height: 3, pixels: pixels.subarray(0, 12) })).metadata()).channels).toBe(1);
    expect(() => encodeGrayPng(4, 3, pixels.subarray(0, 12), 3)).toThrow(/Expected 36 values for 4x3x3, got 12/);
  });
});
