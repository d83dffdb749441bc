import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { DatasetError } from '../../../../src-main/core/datasets/dataset-error.ts';
import { findIdxPairs, readIdx, readIdxPair } from '../../../../src-main/core/datasets/idx-reader.ts';
import { tempDir } from '../../../helpers/temp-workspace.ts';
import { FASHION_MNIST_DIR, idx } from '../../../helpers/idx-files.ts';

// two 2x3 images, pixels 0..11, labels 7 and 3
const IMAGES = idx([2, 2, 3], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
const LABELS = idx([2], [7, 3]);

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir('fer-idx-');
});
afterEach(() => tmp.cleanup());

function write(name: string, bytes: Uint8Array): string {
  writeFileSync(tmp.path(name), bytes);
  return tmp.path(name);
}

describe('readIdx', () => {
  it('reads dims (big-endian) and data, plain or gzip alike', () => {
    for (const bytes of [IMAGES, gzipSync(IMAGES)]) {
      const r = readIdx(bytes);
      expect(r.dims).toEqual([2, 2, 3]);
      expect([...r.data]).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    }
    expect(readIdx(idx([300], new Array(300).fill(9))).dims).toEqual([300]); // 300 = 0x012c needs two bytes
  });

  it('rejects a wrong length, naming the expected and actual byte counts', () => {
    const short = idx([60000, 28, 28], new Array(1000 - 16).fill(0));
    expect(() => readIdx(short)).toThrow('expected 47,040,016 bytes for 60000x28x28, got 1,000');
    expect(() => readIdx(idx([2], [1, 2, 3]))).toThrow('expected 10 bytes for 2, got 11');
  });

  it('rejects a bad magic, an unsupported type, a cut header, a damaged gzip', () => {
    const badMagic = Uint8Array.from(IMAGES);
    badMagic[1] = 1;
    expect(() => readIdx(badMagic)).toThrow('does not start with two zero bytes');
    expect(() => readIdx(idx([2], [0, 0, 0, 0, 0, 0, 0, 0], 0x0d))).toThrow('IDX type 0x0d (float32) is not supported: only 0x08 (unsigned byte)');
    expect(() => readIdx(Uint8Array.from([0, 0, 8]))).toThrow('too short for an IDX header');
    expect(() => readIdx(Uint8Array.from([0, 0, 8, 3, 0, 0, 0, 2]))).toThrow('header declares 3 dimensions but the file ends after 8 bytes');
    expect(() => readIdx(gzipSync(IMAGES).subarray(0, 20))).toThrow('does not unpack');
    expect(() => readIdx(badMagic)).toThrow(DatasetError);
  });
});

describe('readIdxPair', () => {
  it('returns count, height, width, row-major pixels and labels (gz images, plain labels)', async () => {
    const r = await readIdxPair(write('imgs.gz', gzipSync(IMAGES)), write('labels', LABELS));
    expect({ count: r.count, height: r.height, width: r.width }).toEqual({ count: 2, height: 2, width: 3 });
    expect([...r.pixels]).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect([...r.labels]).toEqual([7, 3]);
  });

  it('names the file (not its folder) and the reason in each error', async () => {
    const labels = write('labels', LABELS);
    await expect(readIdxPair(tmp.path('nope-images'), labels)).rejects.toThrow(/^nope-images: not found or unreadable\.$/);
    await expect(readIdxPair(write('flat', idx([2, 6], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11])), labels))
      .rejects.toThrow(/^flat: expected 3 dimensions \(count x height x width\), got 2\.$/);
    const images = write('imgs', IMAGES);
    await expect(readIdxPair(images, write('labels2d', idx([2, 1], [7, 3])))).rejects.toThrow(/^labels2d: expected 1 dimension \(count\), got 2\.$/);
    await expect(readIdxPair(images, write('three', idx([3], [1, 2, 3])))).rejects.toThrow(/^three: 3 labels for the 2 images of imgs\.$/);
    await expect(readIdxPair(write('cut', IMAGES.subarray(0, 20)), labels)).rejects.toThrow(/^cut: expected 28 bytes for 2x2x3, got 20\.$/);
  });
});

describe('findIdxPairs', () => {
  it('finds the train and t10k pairs, plain or .gz', async () => {
    for (const name of ['train-images-idx3-ubyte', 'train-labels-idx1-ubyte.gz', 't10k-images-idx3-ubyte.gz', 't10k-labels-idx1-ubyte']) write(name, LABELS);
    expect(await findIdxPairs(tmp.dir)).toEqual({
      train: { images: tmp.path('train-images-idx3-ubyte'), labels: tmp.path('train-labels-idx1-ubyte.gz') },
      test: { images: tmp.path('t10k-images-idx3-ubyte.gz'), labels: tmp.path('t10k-labels-idx1-ubyte') },
    });
  });

  it('lists every missing file, and refuses a missing folder', async () => {
    write('train-images-idx3-ubyte.gz', IMAGES);
    write('t10k-labels-idx1-ubyte', LABELS);
    await expect(findIdxPairs(tmp.dir)).rejects.toThrow(`${tmp.dir}: missing train-labels-idx1-ubyte[.gz], t10k-images-idx3-ubyte[.gz].`);
    await expect(findIdxPairs(tmp.path('absent'))).rejects.toThrow('Folder not found or unreadable');
  });
});

const FASHION = FASHION_MNIST_DIR;
describe('the real Fashion-MNIST files', () => {
  it.skipIf(!existsSync(`${FASHION}/train-images-idx3-ubyte.gz`))('60,000 train images of 28x28, 6,000 per class; 10,000 test', async () => {
    const { train, test } = await findIdxPairs(FASHION);
    const r = await readIdxPair(train.images, train.labels);
    expect({ count: r.count, height: r.height, width: r.width, pixels: r.pixels.length }).toEqual({ count: 60000, height: 28, width: 28, pixels: 60000 * 784 });
    const perClass = new Array<number>(10).fill(0);
    for (const label of r.labels) perClass[label]! += 1; // a label >= 10 would grow the array and fail the check
    expect(perClass).toEqual(new Array(10).fill(6000));
    expect((await readIdxPair(test.images, test.labels)).count).toBe(10000);
  }, 30_000);
});
