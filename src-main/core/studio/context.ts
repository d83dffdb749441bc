import type { Workspace } from '../store/workspace.ts';
import type { EventBus } from './event-bus.ts';
import type { JobRunner } from '../jobs/job-runner.ts';

/** What every API area's handlers get: the open workspace, the event bus, the job runner. */
export interface StudioContext {
  readonly workspace: Workspace;
  readonly events: EventBus;
  readonly jobs: JobRunner;
}
