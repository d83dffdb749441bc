import { afterAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Workspace } from '../../../../src-main/core/store/workspace.ts';
import { fer2013Path, firstFerRows, writeFerCsv } from '../../../helpers/fer-rows.ts';
import { Studio } from '../../../../src-main/core/studio/studio.ts';
import { tempDir } from '../../../helpers/temp-workspace.ts';

const BIN = resolve(import.meta.dirname, '../../../../bin/fer-studio.js');
const tmp = tempDir();
afterAll(() => tmp.cleanup());

const walBytes = (db: string) => (existsSync(`${db}-wal`) ? statSync(`${db}-wal`).size : 0);

// The import is one transaction: SIGKILL while rows are being inserted must leave none of them.
describe('kill -9 during a full import', () => {
  it('leaves 0 samples (or all), a sound file, and the next import works', async () => {
    const db = tmp.path('w.db');
    const child = spawn(process.execPath, [BIN, 'import', fer2013Path(), '--workspace', db], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const exited = once(child, 'exit');
    // Rows are being inserted once the uncommitted transaction spills pages into the WAL.
    const t0 = Date.now();
    while (walBytes(db) < 8 * 1024 * 1024 && child.exitCode === null && Date.now() - t0 < 30_000) await sleep(20);
    const walAtKill = walBytes(db);
    child.kill('SIGKILL');
    const [code, signal] = await exited;
    expect({ code, signal, output }).toMatchObject({ code: null, signal: 'SIGKILL', output: '' }); // killed mid-import, not finished
    expect(walAtKill).toBeGreaterThanOrEqual(8 * 1024 * 1024);

    const ws = Workspace.open(db);
    try {
      expect(ws.db.pragma('integrity_check', { simple: true })).toBe('ok');
      const n = ws.samples.count();
      expect([0, 35887]).toContain(n);
      expect(n).toBe(0); // killed before COMMIT: nothing of that import is visible
      expect((ws.db.prepare('SELECT COUNT(*) AS n FROM sources').get() as { n: number }).n).toBe(0);
    } finally {
      ws.close();
    }
    // Nothing stale blocks the next import into the same file.
    writeFerCsv(tmp.path('first50.csv'), await firstFerRows(50));
    const studio = new Studio(db);
    try {
      expect(await studio.call('importFer2013', { path: tmp.path('first50.csv') })).toMatchObject({ imported: 50 });
      expect(studio.workspace.samples.get(49)?.sourceRow).toBe(49);
    } finally {
      await studio.close();
    }
  }, 60_000);
});
