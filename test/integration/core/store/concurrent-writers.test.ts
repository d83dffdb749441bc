import { afterAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { Studio } from '../../../../src-main/core/studio/studio.ts';
import type { HistoryEvent } from '../../../../src-main/core/store/label-history.ts';
import { firstFerRows, writeFerCsv } from '../../../helpers/fer-rows.ts';
import { tempDir } from '../../../helpers/temp-workspace.ts';

const RUN_TS = resolve(import.meta.dirname, '../../../../bin/run-ts.js');
const LOOP = resolve(import.meta.dirname, 'relabel-loop.ts');
const TIMES = 500;
const tmp = tempDir();
afterAll(() => tmp.cleanup());

/** One writer process; resolves once it has opened the workspace and waits for "go". */
async function writer(workspace: string, sampleId: number) {
  const child = spawn(process.execPath, [RUN_TS, LOOP, workspace, String(sampleId), String(TIMES)], { stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  const exited = once(child, 'exit');
  while (!out.includes('ready\n')) {
    if (child.exitCode !== null) throw new Error(`writer exited early: ${err}`);
    await once(child.stdout, 'data');
  }
  return {
    go: () => child.stdin.end('go\n'),
    result: async () => {
      const [code] = await exited;
      expect(err).toBe('');
      expect(code).toBe(0);
      return JSON.parse(out.trim().split('\n').at(-1)!) as { ok: number; failed: number; errors: string[] };
    },
  };
}

// Two processes (a CLI and a server, two windows) write the same workspace at once: every write waits
// its turn instead of failing with SQLITE_BUSY, and no label event is lost.
describe('two processes relabelling the same workspace at once', () => {
  it(`${TIMES} relabels each: every call succeeds and the history holds all ${2 * TIMES} events`, async () => {
    const db = tmp.path('w.db');
    writeFerCsv(tmp.path('fer.csv'), await firstFerRows(10));
    const setup = new Studio(db);
    await setup.call('importFer2013', { path: tmp.path('fer.csv') });
    await setup.close();

    const writers = await Promise.all([writer(db, 0), writer(db, 1)]);
    for (const w of writers) w.go();
    const results = await Promise.all(writers.map((w) => w.result()));
    expect(results).toEqual([
      { ok: TIMES, failed: 0, errors: [] },
      { ok: TIMES, failed: 0, errors: [] },
    ]);

    const studio = new Studio(db);
    try {
      const history = (await studio.call('history', { limit: 5000 })) as HistoryEvent[];
      expect(history).toHaveLength(2 * TIMES);
      expect(history.filter((e) => e.sampleId === 0)).toHaveLength(TIMES);
      expect(studio.workspace.db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      await studio.close();
    }
  }, 120_000);
});
