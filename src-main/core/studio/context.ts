import type { Workspace } from '../store/workspace.ts';
import type { EventBus } from './event-bus.ts';
import type { JobRunner } from '../jobs/job-runner.ts';
import type { DataFolder } from '../datasets/data-folder.ts';
import type { DuplicateGrouping } from './duplicate-grouping.ts';

/** What every API area's handlers get: the open workspace, the event bus, the job runner. */
export interface StudioContext {
  readonly workspace: Workspace;
  readonly events: EventBus;
  readonly jobs: JobRunner;
  /** Near-duplicate groups kept up to date with the samples (in a worker when the workspace is large). */
  readonly grouping: DuplicateGrouping;
  /** The folder a page may import from and export to by name (`serve --data-dir`), or null: this door has none. */
  dataFolder(): DataFolder | null;
}
