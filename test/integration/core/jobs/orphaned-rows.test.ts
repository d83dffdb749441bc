import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { Studio } from '../../../../src-main/core/studio/studio.ts';
import { followJob } from '../../../../src-main/cli/follow-job.ts';
import type { JobInfo, RunSummary, ScanSummary, StudioEvent } from '../../../../src-main/core/api.ts';
import { trainConfig } from '../../../../src-main/core/api/train-api.ts';
import { holdRow, jobPidFile } from '../../../../src-main/core/jobs/orphaned-rows.ts';
import { RunStore } from '../../../../src-main/core/store/runs.ts';
import { stratifiedFerRows, writeFerCsv } from '../../../helpers/fer-rows.ts';
import { tempDir } from '../../../helpers/temp-workspace.ts';

const BIN = resolve(import.meta.dirname, '../../../../bin/fer-studio.js');
const quietIo = { out: () => {}, err: () => {} };
const tmp = tempDir();
const db = tmp.path('w.db');

beforeAll(async () => {
  writeFerCsv(tmp.path('fer.csv'), await stratifiedFerRows(40, { split: 'Training' }));
  const studio = new Studio(db);
  await studio.call('importFer2013', { path: tmp.path('fer.csv') });
  await studio.close();
});
afterAll(() => tmp.cleanup());

/** Polls the workspace (read-only, beside the writer) until `ready` holds. */
async function waitFor(ready: (ro: Database.Database) => boolean, child: { exitCode: number | null }): Promise<void> {
  const t0 = Date.now();
  for (;;) {
    const ro = new Database(db, { readonly: true });
    try {
      if (ready(ro)) return;
    } finally {
      ro.close();
    }
    if (child.exitCode !== null) throw new Error('the CLI ended before the moment to kill it');
    if (Date.now() - t0 > 120_000) throw new Error('timed out');
    await sleep(50);
  }
}

describe('runs and scans whose processes died', () => {
  it('kill -9 of a CLI scan and its worker: the next open marks the scan failed (interrupted), and it resumes keeping its finished fold', async () => {
    // The CLI in a process group of its own, so one kill takes the door and every worker at once.
    const child = spawn(process.execPath, [BIN, 'scan', '--workspace', db, '--model', 'cnn-tiny', '--folds', '3', '--epochs', '2', '--workers', '1', '--seed', '5'], {
      stdio: 'ignore',
      detached: true,
    });
    const exited = once(child, 'exit');
    await waitFor((ro) => (ro.prepare('SELECT COUNT(*) AS n FROM scan_rounds').get() as { n: number }).n >= 1, child);
    process.kill(-child.pid!, 'SIGKILL');
    expect((await exited)[1]).toBe('SIGKILL');
    await sleep(200); // the worker (same group) is gone too

    const studio = new Studio(db);
    try {
      const [scan] = (await studio.call('listScans', {})) as ScanSummary[];
      expect(scan).toMatchObject({ status: 'failed', roundsSaved: 1, scored: 0 });
      expect(scan!.error).toMatch(/^Interrupted: .*Resume in the scan history, or `fer-studio scan --resume \d+`/);
      expect(existsSync(jobPidFile(db, { kind: 'scan', id: scan!.id }))).toBe(false);

      const folds = new Set<number>();
      const off = studio.subscribe((e: StudioEvent) => {
        if (e.type === 'epoch' && e.fold !== undefined) folds.add(e.fold);
      });
      const { jobId } = (await studio.call('resumeScan', { scanId: scan!.id })) as { jobId: string };
      const job = await followJob(studio, jobId, quietIo);
      off();
      expect(job.error ?? null).toBeNull();
      expect([...folds].sort()).toEqual([2, 3]); // fold 1 was kept
      expect(((await studio.call('listScans', {})) as ScanSummary[])[0]).toMatchObject({ id: scan!.id, status: 'done', scored: 280 });
    } finally {
      await studio.close();
    }
  }, 300_000);

  it('a row whose door or worker still lives is left running; one whose processes are all gone is closed with how to resume it', async () => {
    const setup = new Studio(db);
    const runs = new RunStore(setup.workspace.db);
    const live = runs.create(trainConfig.parse({}), 0);
    const dead = runs.create(trainConfig.parse({}), 0);
    await setup.close();
    holdRow(db, { kind: 'run', id: live }, [2 ** 22 + 1, process.pid]); // a dead door, a live worker
    holdRow(db, { kind: 'run', id: dead }, [2 ** 22 + 1]);

    const studio = new Studio(db);
    try {
      const list = (await studio.call('listRuns', {})) as RunSummary[];
      expect(list.find((r) => r.id === live)).toMatchObject({ status: 'running', error: null });
      expect(list.find((r) => r.id === dead)).toMatchObject({ status: 'failed', error: expect.stringContaining(`\`fer-studio train --resume ${dead}\``) });
    } finally {
      await studio.close();
    }
  });

  it('a job cancelled while it waits in the queue closes its row (no worker ever ran it)', async () => {
    const studio = new Studio(db);
    try {
      const first = (await studio.call('startTrain', { epochs: 50, batchSize: 8, engine: 'wasm' })) as { jobId: string; runId: number };
      const queued = (await studio.call('startTrain', { epochs: 1, engine: 'wasm' })) as { jobId: string; runId: number };
      expect(((await studio.call('listJobs', {})) as JobInfo[]).find((j) => j.id === queued.jobId)!.state).toBe('queued');
      await studio.call('cancelJob', { jobId: queued.jobId });
      expect((await studio.call('getRun', { id: queued.runId })) as RunSummary).toMatchObject({ status: 'cancelled' });
      expect(existsSync(jobPidFile(db, { kind: 'run', id: queued.runId }))).toBe(false);
      await studio.call('cancelJob', { jobId: first.jobId });
      await studio.jobs.whenEnded(first.jobId);
    } finally {
      await studio.close();
    }
  }, 120_000);
});
