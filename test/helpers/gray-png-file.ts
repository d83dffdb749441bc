import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import sharp from 'sharp';
import { pixelBytes } from './fer-fixtures.ts';

/** A 48x48 gray PNG of fixture pixels (seeded), its folders made. */
export async function grayPng(path: string, seed: number): Promise<void> {
  mkdirSync(dirname(path), { recursive: true });
  await sharp(Buffer.from(pixelBytes(seed)), { raw: { width: 48, height: 48, channels: 1 } }).toColourspace('b-w').png().toFile(path);
}
