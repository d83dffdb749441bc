/**
 * Every job kind a worker runs, imported statically: the worker bundle (scripts/build-electron.mjs) holds them
 * all, and no file is looked up by name at run time. A new kind adds its payload to messages.ts and its task here.
 */
import type { JobPayloads, WorkerJobKind } from '../messages.ts';
import type { TaskContext } from '../task-context.ts';
import { run as ensemble } from './ensemble.ts';
import { run as scan } from './scan.ts';
import { run as train } from './train.ts';

export const TASKS: { [K in WorkerJobKind]: (ctx: TaskContext<JobPayloads[K]>) => Promise<void> } = { train, scan, ensemble };
