/**
 * The worker process entry: `worker.ts <workspacePath>`. Waits for one 'start' message, opens the
 * workspace itself, runs the job kind's task (tasks/index.ts), reports how it ended, and exits.
 * Works as a Node child process (process.send) and as an Electron utilityProcess (process.parentPort).
 * `worker --self-test` trains one tiny epoch and reports what it loaded (self-test.ts); `worker --probe-engines`
 * tells the door which engines exist here (engine-probe-child.ts).
 */
import type { JobProgress, StudioEvent } from '../api/events.ts';
import { Workspace } from '../store/workspace.ts';
import type { FromWorker, ToWorker, WorkerJob } from './messages.ts';
import type { TaskContext } from './task-context.ts';
import { TASKS } from './tasks/index.ts';
import { SELF_TEST_FLAG, selfTest } from './self-test.ts';
import { answerEngineProbe, PROBE_ENGINES_FLAG } from './engine-probe-child.ts';
import { parentChannel } from './parent-port.ts';

const { send, onMessage } = parentChannel<ToWorker, FromWorker>();

const workspacePath = process.argv[2];
if (workspacePath === SELF_TEST_FLAG) {
  void selfTest().then((r) => {
    console.log(JSON.stringify(r));
    process.exit(r.ok && r.sourceModules.length === 0 ? 0 : 1);
  });
} else if (workspacePath === PROBE_ENGINES_FLAG) {
  // Give the answer time to leave, then exit (engines may hold handles open).
  void answerEngineProbe().then(() => setTimeout(() => process.exit(0), 100));
}
const controller = new AbortController();
let started = false;

onMessage((m) => {
  if (m.type === 'cancel') controller.abort();
  else if (m.type === 'start' && !started) {
    started = true;
    void runJob(m);
  }
});

// The parent went away (closed window, killed CLI): stop cleanly instead of training for nobody.
process.on('disconnect', () => controller.abort());
// Ctrl-C in a terminal reaches the whole process group. The parent turns it into a clean cancel (and a second
// Ctrl-C quits the parent, which disconnects us); dying here at once would lose the run's time and final write.
process.on('SIGINT', () => {});

async function runJob(job: WorkerJob): Promise<void> {
  let workspace: Workspace | null = null;
  let exitCode = 0;
  try {
    if (!workspacePath) throw new Error('worker: no workspace path given.');
    if (!Object.hasOwn(TASKS, job.kind)) throw new Error(`worker: unknown job kind '${String(job.kind)}'.`);
    workspace = Workspace.open(workspacePath);
    const ctx: Omit<TaskContext, 'payload'> = {
      workspace,
      signal: controller.signal,
      progress: (progress: JobProgress) => send({ type: 'progress', progress }),
      emit: (event: StudioEvent) => send({ type: 'event', event }),
    };
    // The union pairs each kind with its payload; TypeScript cannot follow that pairing into TASKS[job.kind].
    if (job.kind === 'train') await TASKS.train({ ...ctx, payload: job.payload });
    else if (job.kind === 'scan') await TASKS.scan({ ...ctx, payload: job.payload });
    else await TASKS.ensemble({ ...ctx, payload: job.payload });
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
