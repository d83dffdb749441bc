/**
 * The worker process entry: `worker.ts <workspacePath>`. Waits for one 'start' message, opens the
 * workspace itself, runs core/jobs/tasks/<kind>.ts, reports how it ended, and exits.
 * Works as a Node child process (process.send) and as an Electron utilityProcess (process.parentPort).
 */
import type { JobProgress, StudioEvent } from '../api/events.ts';
import { Workspace } from '../store/workspace.ts';
import { TASK_KINDS, type FromWorker, type ToWorker } from './messages.ts';
import type { TaskContext } from './task-context.ts';
import { parentChannel } from './parent-port.ts';

const { send, onMessage } = parentChannel<ToWorker, FromWorker>();

const workspacePath = process.argv[2];
const controller = new AbortController();
let started = false;

onMessage((m) => {
  if (m.type === 'cancel') controller.abort();
  else if (m.type === 'start' && !started) {
    started = true;
    void runJob(m.kind, m.payload);
  }
});

// The parent went away (closed window, killed CLI): stop cleanly instead of training for nobody.
process.on('disconnect', () => controller.abort());
// Ctrl-C in a terminal reaches the whole process group. The parent turns it into a clean cancel (and a second
// Ctrl-C quits the parent, which disconnects us); dying here at once would lose the run's time and final write.
process.on('SIGINT', () => {});

async function runJob(kind: string, payload: unknown): Promise<void> {
  let workspace: Workspace | null = null;
  let exitCode = 0;
  try {
    if (!workspacePath) throw new Error('worker: no workspace path given.');
    if (!(TASK_KINDS as readonly string[]).includes(kind)) throw new Error(`worker: unknown job kind '${kind}'.`);
    workspace = Workspace.open(workspacePath);
    const task = (await import(`./tasks/${kind}.ts`)) as { run(ctx: TaskContext): Promise<void> };
    const ctx: TaskContext = {
      workspace,
      payload,
      signal: controller.signal,
      progress: (progress: JobProgress) => send({ type: 'progress', progress }),
      emit: (event: StudioEvent) => send({ type: 'event', event }),
    };
    await task.run(ctx);
    send(controller.signal.aborted ? { type: 'cancelled' } : { type: 'done' });
  } catch (e) {
    if (controller.signal.aborted) send({ type: 'cancelled' });
    else {
      exitCode = 1;
      send({ type: 'failed', error: e instanceof Error ? e.message : String(e) });
    }
  } finally {
    workspace?.close();
  }
  // Give the last message time to leave, then exit (engines may hold handles open).
  setTimeout(() => process.exit(exitCode), 100);
}
