import type { WorkerLauncher } from '../jobs/job-runner.ts';
import { channelOf, lastLine } from '../jobs/worker-channel.ts';
import { GROUP_WORKER_ENTRY } from '../jobs/worker-entries.ts';
import type { GroupingStamp } from '../store/duplicates.ts';
import type { GroupReply, GroupRequest } from './group-messages.ts';

export interface GroupingInWorker {
  done: Promise<GroupingStamp>;
  /** Stops the worker; `done` then rejects. Nothing half-written stays: its write is one transaction. */
  stop(): void;
}

/** Brings the workspace's duplicate groups up to date in a grouping worker started by `launch`. */
export function groupInWorker(workspacePath: string, launch: WorkerLauncher, onProgress: (fraction: number | null, phase: string) => void): GroupingInWorker {
  const channel = channelOf<GroupRequest, GroupReply>(launch(GROUP_WORKER_ENTRY, []));
  const done = new Promise<GroupingStamp>((resolve, reject) => {
    let settled = false;
    let stderr = '';
    channel.onStderr((text) => (stderr = (stderr + text).slice(-2000)));
    channel.onMessage((m) => {
      if (settled) return;
      if (m.type === 'progress') return onProgress(m.fraction, m.phase);
      settled = true;
      if (m.type === 'done') resolve(m.stamp);
      else reject(new Error(`Grouping near-duplicates failed: ${m.error}`));
    });
    channel.onExit((code) => {
      if (!settled) reject(new Error(`The grouping worker ended unexpectedly (exit code ${code ?? 'none'}).${lastLine(stderr)}`));
      settled = true;
    });
  });
  channel.send({ type: 'group', workspacePath });
  return { done, stop: () => channel.kill() };
}
