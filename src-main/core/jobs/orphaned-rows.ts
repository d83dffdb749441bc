import type { JobInfo } from '../api/events.ts';
import { openDatabase } from '../store/database.ts';

/**
 * Closes the run or scan row of a job whose worker died before writing its own end (crash, kill -9):
 * status 'running' becomes failed/cancelled, so no row claims to be running with no live job.
 * Rows the worker already closed are left alone.
 */
export function closeOrphanedRow(workspacePath: string, job: JobInfo, status: 'failed' | 'cancelled', error: string | null): void {
  if (job.runId === undefined && job.scanId === undefined) return;
  let db;
  try {
    db = openDatabase(workspacePath);
    const now = new Date().toISOString();
    if (job.runId !== undefined)
      db.prepare("UPDATE runs SET status = ?, error = ?, finished_at = ? WHERE id = ? AND status = 'running'").run(status, error, now, job.runId);
    if (job.scanId !== undefined)
      db.prepare("UPDATE scans SET status = ?, error = ?, finished_at = ? WHERE id = ? AND status = 'running'").run(status, error, now, job.scanId);
  } catch {
    // The workspace may be gone (tests clean up early); the next open recovers stale rows anyway.
  } finally {
    db?.close();
  }
}
