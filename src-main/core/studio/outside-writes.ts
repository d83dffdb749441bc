import type { Db } from '../store/database.ts';
import type { LabelHistory } from '../store/label-history.ts';
import type { EventBus } from './event-bus.ts';

/** How often a door looks for label changes made by another process (the CLI, a second server, a worker). */
export const OUTSIDE_WRITE_POLL_MS = 1000;

/**
 * Tells this process's doors about label changes committed by another process. SQLite's `data_version`
 * moves only when another connection commits, so a poll costs one PRAGMA; the label version then says
 * whether labels moved (not just runs or scans). Emits the same 'labels' event as an edit here, so every
 * open view refreshes. Returns the function that stops watching.
 */
export function watchOutsideWrites(db: Db, labels: LabelHistory, events: EventBus, intervalMs = OUTSIDE_WRITE_POLL_MS): () => void {
  const dataVersion = () => db.pragma('data_version', { simple: true }) as number;
  let seen = dataVersion();
  let labelVersion = labels.labelVersion();
  // This process's own edits are announced by their handlers: remember them, or the next outside write of any
  // kind (a worker saving a run) would announce them a second time.
  const off = events.subscribe((e) => {
    if (e.type === 'labels') labelVersion = Math.max(labelVersion, e.labelVersion);
  });
  const timer = setInterval(() => {
    if (!db.open) return;
    const now = dataVersion();
    if (now === seen) return;
    seen = now;
    const v = labels.labelVersion();
    if (v === labelVersion) return;
    labelVersion = v;
    events.emit({ type: 'labels', labelVersion: v });
  }, intervalMs);
  timer.unref(); // never keeps a CLI command alive
  return () => {
    clearInterval(timer);
    off();
  };
}
