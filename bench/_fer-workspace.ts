/** The real FER2013 (+ FER+ votes) in a fresh workspace of its own, for benchmarks that train or scan on it. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { StudioClient } from '../src-main/core/api.ts';
import { localClient } from '../src-main/core/studio/local-client.ts';
import { Studio } from '../src-main/core/studio/studio.ts';

export const DATASETS = process.env.FER_DATASETS ?? resolve(import.meta.dirname, '../../shared/datasets');

export interface FerWorkspace {
  path: string;
  studio: Studio;
  api: StudioClient;
  importSeconds: number;
}

export async function freshFerWorkspace(name: string): Promise<FerWorkspace> {
  const path = join(mkdtempSync(join(tmpdir(), `fer-bench-${name}-`)), 'w.db');
  const studio = new Studio(path);
  const api = localClient(studio);
  const t = performance.now();
  try {
    await api.importFer2013({ path: join(DATASETS, 'fer2013.csv.gz'), votesPath: join(DATASETS, 'fer2013new.csv') });
  } catch (e) {
    await studio.close();
    throw e;
  }
  return { path, studio, api, importSeconds: (performance.now() - t) / 1000 };
}
