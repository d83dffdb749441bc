import type { Db } from './database.ts';

/** The newest finished training run and label-noise scan: the ones the grid, filters and queue show by default. */
export function latestRunId(db: Db): number | null {
  const r = db.prepare("SELECT id FROM runs WHERE status = 'done' AND kind = 'train' ORDER BY id DESC LIMIT 1").get() as { id: number } | undefined;
  return r?.id ?? null;
}

export function latestScanId(db: Db): number | null {
  const r = db.prepare("SELECT id FROM scans WHERE status = 'done' ORDER BY id DESC LIMIT 1").get() as { id: number } | undefined;
  return r?.id ?? null;
}

export function floatsFromBlob(b: Buffer): number[] {
  return Array.from(new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength)));
}

export function blobFromFloats(values: ArrayLike<number>): Buffer {
  return Buffer.from(Float32Array.from(values as ArrayLike<number>).buffer);
}
