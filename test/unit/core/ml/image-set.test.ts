import { describe, expect, it } from 'vitest';
import { checkImageSet, pixelsPerImage, sameShape, selectImages, shapeOf, type ImageSet } from '../../../../src-main/core/ml/image-set.ts';

/** Three 2x2 RGB images whose every byte says which image it belongs to (image i: bytes 10i..10i+11). */
function rgbSet(): ImageSet {
  const pixels = Uint8Array.from({ length: 3 * 12 }, (_, k) => Math.floor(k / 12) * 10 + (k % 12));
  return { pixels, labels: Int32Array.from([0, 1, 0]), count: 3, side: 2, classes: 2, channels: 3 };
}

describe('ImageSet channels', () => {
  it('a set without channels is grayscale; with 3, an image is side x side x 3 bytes', () => {
    expect(shapeOf({})).toEqual({ side: 48, classes: 7, channels: 1 });
    expect(pixelsPerImage({ side: 32 })).toBe(1024);
    expect(pixelsPerImage({ side: 32, channels: 3 })).toBe(3072);
    expect(shapeOf(rgbSet())).toEqual({ side: 2, classes: 2, channels: 3 });
  });

  it('selectImages copies whole RGB images and keeps the channels', () => {
    const picked = selectImages(rgbSet(), [2, 0]);
    expect(picked.channels).toBe(3);
    expect([...picked.pixels]).toEqual([...Array.from({ length: 12 }, (_, k) => 20 + k), ...Array.from({ length: 12 }, (_, k) => k)]);
    expect(sameShape(rgbSet())).toEqual({ side: 2, classes: 2, channels: 3 });
  });

  it('checkImageSet counts three bytes a pixel', () => {
    expect(() => checkImageSet(rgbSet(), 'training')).not.toThrow();
    expect(() => checkImageSet({ ...rgbSet(), channels: 1 }, 'training')).toThrow('The training set has 36 pixel bytes; 3 images of 2x2 need 12.');
    expect(() => checkImageSet({ ...rgbSet(), pixels: new Uint8Array(12) }, 'training')).toThrow('The training set has 12 pixel bytes; 3 images of 2x2 RGB need 36.');
  });
});
