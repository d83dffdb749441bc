import type { GroupingStamp } from '../store/duplicates.ts';

/** Door -> grouping worker: bring the duplicate groups of this workspace up to date. */
export interface GroupRequest {
  type: 'group';
  workspacePath: string;
}

/** Grouping worker -> door. */
export type GroupReply =
  | { type: 'progress'; fraction: number | null; phase: string }
  | { type: 'done'; stamp: GroupingStamp }
  | { type: 'failed'; error: string };
