import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readIdxPair } from '../../src-main/core/datasets/idx-reader.ts';

import { FASHION_MNIST_DIR } from '../../src-main/core/datasets/idx-families.ts';

/** Debian's dataset-fashion-mnist (CI installs it; see .ci/run). */
export { FASHION_MNIST_DIR };

/** A hand-built IDX file: header (type, rank, dims big-endian) then the data bytes as given. */
export function idx(dims: number[], data: ArrayLike<number>, type = 0x08): Uint8Array {
  const header = Buffer.alloc(4 + 4 * dims.length);
  header[2] = type;
  header[3] = dims.length;
  dims.forEach((d, i) => header.writeUInt32BE(d, 4 + 4 * i));
  return Buffer.concat([header, Buffer.from(Array.from(data))]);
}

/** The first `train` and `test` real Fashion-MNIST rows, written as a small MNIST-layout folder (plain IDX files). */
export async function fashionMnistSlice(dir: string, train: number, test: number): Promise<string> {
  for (const [prefix, n] of [['train', train], ['t10k', test]] as const) {
    const real = await readIdxPair(join(FASHION_MNIST_DIR, `${prefix}-images-idx3-ubyte.gz`), join(FASHION_MNIST_DIR, `${prefix}-labels-idx1-ubyte.gz`));
    const per = real.width * real.height;
    writeFileSync(join(dir, `${prefix}-images-idx3-ubyte`), idx([n, real.height, real.width], real.pixels.subarray(0, n * per)));
    writeFileSync(join(dir, `${prefix}-labels-idx1-ubyte`), idx([n], real.labels.subarray(0, n)));
  }
  return dir;
}
