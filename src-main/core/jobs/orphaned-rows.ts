/**
 * The one mechanism that keeps run and scan rows honest when the processes behind them die.
 * While a job runs, `<workspace>.jobs/<run|scan>-<id>.pid` names its door process and its worker process.
 * - The worker dies and the door lives (crash, kill -9 of the worker): the door closes the row (closeOrphanedRow).
 * - Both die (kill -9 of the door and its worker, power off): the next studio that opens the workspace finds
 *   the row 'running' with no live process in its file and closes it (recoverInterruptedRows).
 * A row closed this way is 'failed' with a reason and resumes like a cancelled one (its epochs or folds stay).
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { JobInfo } from '../api/events.ts';
import { openDatabase, type Db } from '../store/database.ts';

/** The row a job writes: a training run or a label-noise scan. */
export interface JobRow {
  kind: 'run' | 'scan';
  id: number;
}

const TABLE: Record<JobRow['kind'], string> = { run: 'runs', scan: 'scans' };

const RESUME_HINT: Record<JobRow['kind'], (id: number) => string> = {
  run: (id) => `Resume in the Train view, or \`fer-studio train --resume ${id}\`.`,
  scan: (id) => `Resume in the scan history, or \`fer-studio scan --resume ${id}\`.`,
};

export function jobRowOf(info: Pick<JobInfo, 'runId' | 'scanId'>): JobRow | null {
  if (info.runId !== undefined) return { kind: 'run', id: info.runId };
  if (info.scanId !== undefined) return { kind: 'scan', id: info.scanId };
  return null;
}

/** The file naming the live processes of a row's job. */
export function jobPidFile(workspacePath: string, row: JobRow): string {
  return join(`${workspacePath}.jobs`, `${row.kind}-${row.id}.pid`);
}

/** Records the processes running the row's job: the door, then its worker once started. */
export function holdRow(workspacePath: string, row: JobRow, pids: readonly number[]): void {
  const file = jobPidFile(workspacePath, row);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, pids.map((pid) => `${pid}\n`).join(''));
}

export function releaseRow(workspacePath: string, row: JobRow): void {
  rmSync(jobPidFile(workspacePath, row), { force: true });
}

/** The pids recorded for a row's job, door first. */
export function rowHolders(workspacePath: string, row: JobRow): number[] {
  const file = jobPidFile(workspacePath, row);
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').split('\n').map(Number).filter((pid) => Number.isInteger(pid) && pid > 0);
}

/**
 * Closes the row of a job that ended without its worker writing the row's end (the worker crashed or was killed,
 * never started, or the job was cancelled in the queue): status 'running' becomes failed/cancelled, so no row
 * claims to be running with no live job. Rows the worker closed are left alone. Releases the row's pid file.
 */
export function closeOrphanedRow(workspacePath: string, job: Pick<JobInfo, 'runId' | 'scanId'>, status: 'failed' | 'cancelled', error: string | null): void {
  const row = jobRowOf(job);
  if (!row) return;
  let db;
  try {
    db = openDatabase(workspacePath);
    closeRow(db, row, status, error);
  } catch {
    // The workspace may be gone (tests clean up early); the next open recovers stale rows anyway.
  } finally {
    db?.close();
    releaseRow(workspacePath, row);
  }
}

/** At open: every run and scan left 'running' by processes that no longer exist becomes 'failed' (resumable). */
export function recoverInterruptedRows(db: Db, workspacePath: string): JobRow[] {
  const recovered: JobRow[] = [];
  for (const kind of ['run', 'scan'] as const) {
    for (const { id } of db.prepare(`SELECT id FROM ${TABLE[kind]} WHERE status = 'running'`).all() as Array<{ id: number }>) {
      const row = { kind, id };
      if (rowHolders(workspacePath, row).some(processAlive)) continue;
      closeRow(db, row, 'failed', `Interrupted: the process running this ${kind} ended before it finished.`);
      releaseRow(workspacePath, row);
      recovered.push(row);
    }
  }
  return recovered;
}

/** Its duration stays: a resumed run or scan counts its earlier time. */
function closeRow(db: Db, row: JobRow, status: 'failed' | 'cancelled', error: string | null): void {
  const why = status === 'failed' ? `${error ?? 'The job ended before it finished.'} ${RESUME_HINT[row.kind](row.id)}` : error;
  db.prepare(`UPDATE ${TABLE[row.kind]} SET status = ?, error = ?, finished_at = ? WHERE id = ? AND status = 'running'`).run(status, why, new Date().toISOString(), row.id);
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
  return !zombie(pid);
}

/**
 * A killed worker whose door died too is re-parented to PID 1; where that init never reaps (Docker without
 * --init, some VMs) it stays a zombie, which signal 0 still reaches. Linux says so in /proc/<pid>/stat.
 */
function zombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'Z';
  } catch {
    return false;
  }
}
