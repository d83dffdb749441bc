import type { WorkerLauncher } from '../jobs/job-runner.ts';
import { groupInWorker } from '../duplicates/group-in-worker.ts';
import { DuplicateStore } from '../store/duplicates.ts';
import type { Workspace } from '../store/workspace.ts';
import type { EventBus } from './event-bus.ts';
import { withJobEvents } from './in-process-job.ts';

/**
 * Workspaces up to this many samples group their near-duplicates in the door's own process, at once: FER2013's
 * 35,887 take 6.6 s, Fashion-MNIST's 70,000 about 10 s, and a worker process would cost its start-up on every
 * small import. Beyond it, grouping runs in a worker while the studio stays usable (bench scale: 1M rows grouped
 * in 284 s, which held the import and the door's event loop until then).
 */
export const GROUP_IN_PROCESS_UP_TO = 100_000;

/**
 * Keeps the workspace's duplicate groups up to date with its samples, off the import's clock when large. Readers
 * whose answer is made of groups (the review queue, the duplicates report, a decision applied to copies) wait for
 * `ready()`; a sample's own panel shows the groups as stored (`settle()`), so it never waits for a large grouping.
 */
export class DuplicateGrouping {
  private running: { done: Promise<unknown>; stop: () => void } | null = null;

  constructor(
    private readonly workspace: Workspace,
    private readonly events: EventBus,
    private readonly launch: WorkerLauncher,
    private readonly inProcessUpTo = GROUP_IN_PROCESS_UP_TO,
  ) {}

  /** Whether a grouping worker is under way. */
  get busy(): boolean {
    return this.running !== null;
  }

  /** Brings the groups up to date without waiting for a large grouping: small ones here and now, large ones started. */
  settle(): void {
    if (this.running) return;
    const store = new DuplicateStore(this.workspace.db);
    if (store.current()) return;
    if (this.workspace.samples.count() <= this.inProcessUpTo) store.refresh();
    else this.startWorker();
  }

  /** Resolves once the groups match the samples: waits for a grouping under way (again if samples came meanwhile). */
  async ready(): Promise<void> {
    for (;;) {
      this.settle();
      const running = this.running;
      if (!running) return;
      await running.done;
    }
  }

  /** Stops a grouping under way (the studio closes); the next studio on this workspace groups again. */
  async close(): Promise<void> {
    const running = this.running;
    if (!running) return;
    running.stop();
    await running.done.catch(() => {});
  }

  private startWorker(): void {
    let stop = () => {};
    const done = withJobEvents(this.events, 'duplicates', 'finding near-duplicates', (progress) => {
      const worker = groupInWorker(this.workspace.path, this.launch, progress);
      stop = worker.stop;
      return worker.done;
    });
    const running = { done, stop: () => stop() };
    this.running = running;
    // Cleared before any waiter resumes (registered first), so a waiter sees the grouping ended; a failure reaches
    // the waiters and the job event, and the next reader starts again.
    const clear = () => {
      if (this.running === running) this.running = null;
    };
    done.then(clear, clear);
  }
}
