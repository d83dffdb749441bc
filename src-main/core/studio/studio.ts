import { resolve } from 'node:path';
import type { Caller, Door, StudioHandlers } from '../api.ts';
import { DataFolder } from '../datasets/data-folder.ts';
import type { StudioEvent } from '../api/events.ts';
import { Workspace } from '../store/workspace.ts';
import { JobRunner, type WorkerLauncher } from '../jobs/job-runner.ts';
import { recoverInterruptedRows } from '../jobs/orphaned-rows.ts';
import { EventBus } from './event-bus.ts';
import { watchOutsideWrites } from './outside-writes.ts';
import { dispatch } from './dispatch.ts';
import type { StudioContext } from './context.ts';
import { workspaceHandlers } from './workspace-handlers.ts';
import { sampleHandlers } from './sample-handlers.ts';
import { trainHandlers } from './train-handlers.ts';
import { noiseHandlers } from './noise-handlers.ts';
import { duplicateHandlers } from './duplicate-handlers.ts';
import { modelHandlers } from './model-handlers.ts';
import { ensembleHandlers } from './ensemble-handlers.ts';
import { DuplicateGrouping } from './duplicate-grouping.ts';

export interface StudioOptions {
  /** How jobs get a worker process: a Node child process by default; Electron passes utilityProcess. */
  launchWorker?: WorkerLauncher;
  /** The server's data folder (see DataFolder); none by default, so no page can reach a file. */
  dataDir?: string;
  /** Workspaces up to this many samples group near-duplicates in this process (default GROUP_IN_PROCESS_UP_TO). */
  groupInProcessUpTo?: number;
}

/** The core, opened on one workspace file. Doors hold one Studio and call `call()`. */
export class Studio {
  readonly workspace: Workspace;
  readonly events = new EventBus();
  readonly jobs: JobRunner;
  readonly grouping: DuplicateGrouping;
  readonly handlers: StudioHandlers;
  private stopWatching: (() => void) | null = null;
  private folder: DataFolder | null;

  constructor(workspacePath: string, options: StudioOptions = {}) {
    this.workspace = Workspace.open(workspacePath);
    // Runs and scans left 'running' by processes that died (kill -9, crash, power off) become resumable failures.
    recoverInterruptedRows(this.workspace.db, workspacePath);
    this.jobs = new JobRunner(workspacePath, this.events, options.launchWorker);
    this.folder = options.dataDir ? new DataFolder(resolve(options.dataDir)) : null;
    this.grouping = new DuplicateGrouping(this.workspace, this.events, this.jobs.launchWorker, options.groupInProcessUpTo);
    const ctx: StudioContext = { workspace: this.workspace, events: this.events, jobs: this.jobs, grouping: this.grouping, dataFolder: () => this.folder };
    this.handlers = { ...workspaceHandlers(ctx), ...sampleHandlers(ctx), ...trainHandlers(ctx), ...noiseHandlers(ctx), ...modelHandlers(ctx), ...duplicateHandlers(ctx), ...ensembleHandlers(ctx) };
  }

  /** Sets the data folder pages may use by name (`serve --data-dir`), or none. */
  setDataDir(dir: string | null): void {
    this.folder = dir ? new DataFolder(resolve(dir)) : null;
  }

  /** Validates the raw input against the contract, then runs the handler. `caller`: who asks (a page gets fewer methods). */
  call(method: string, input: unknown, caller: Door | Caller = 'local'): Promise<unknown> {
    return dispatch(this.handlers, method, input, typeof caller === 'string' ? { door: caller } : caller);
  }

  /** Core events; the first subscriber also starts watching for label changes by other processes. */
  subscribe(listener: (event: StudioEvent) => void): () => void {
    this.stopWatching ??= watchOutsideWrites(this.workspace.db, this.workspace.labels, this.events);
    return this.events.subscribe(listener);
  }

  async close(): Promise<void> {
    this.stopWatching?.();
    await this.grouping.close();
    await this.jobs.shutdown();
    this.workspace.close();
  }
}
