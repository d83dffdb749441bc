// PLACEHOLDER (owned by the training-engine work): replaced by the real worker-process job runner.
import type { JobInfo, JobKind } from '../api/events.ts';
import { StudioError } from '../api/contract.ts';
import type { EventBus } from '../studio/event-bus.ts';

export type WorkerLauncher = (entry: string, args: string[]) => unknown;

export class JobRunner {
  constructor(readonly workspacePath: string, readonly events: EventBus, readonly launchWorker?: WorkerLauncher) {}
  start(kind: JobKind, _payload: unknown): JobInfo {
    throw new StudioError('internal', `Job kind '${kind}' is not available yet.`);
  }
  cancel(_jobId: string): boolean {
    return false;
  }
  list(): JobInfo[] {
    return [];
  }
  async shutdown(): Promise<void> {}
}
