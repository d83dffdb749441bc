import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const SCRIPT = join(import.meta.dirname, '../fixtures/plain-tfjs-predict.mjs');

/**
 * Probabilities from an exported model as a plain Node program gets them (test/fixtures/plain-tfjs-predict.mjs:
 * stock TF.js only, run as its own process, no tsx loader, nothing of FER Studio). `images`: 48x48 8-bit pixels each.
 */
export async function plainTfjsPredict(modelDir: string, images: readonly Uint8Array[], scratchDir: string): Promise<number[][]> {
  const pixelsFile = join(scratchDir, 'plain-pixels.json');
  writeFileSync(pixelsFile, JSON.stringify(images.map((p) => Array.from(p))));
  const { stdout } = await promisify(execFile)(process.execPath, [SCRIPT, modelDir, pixelsFile], { maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(stdout) as number[][];
}
