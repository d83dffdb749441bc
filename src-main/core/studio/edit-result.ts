import type { Caller } from '../api.ts';
import type { EditResult } from '../api/samples-api.ts';
import type { BatchResult } from '../store/label-history.ts';
import type { StudioContext } from './context.ts';
import { undoState } from './label-steps.ts';

/** The answer to every label action (undo state worded for `caller`), and the 'labels' event that tells other doors to refresh. */
export function editResult(ctx: StudioContext, r: BatchResult | null, caller: Caller): EditResult {
  const { labels } = ctx.workspace;
  const result = { changed: r?.changed ?? 0, labelVersion: labels.labelVersion(), ...undoState(labels, caller, ctx.workspace.dataset.classes) };
  if (result.changed > 0) ctx.events.emit({ type: 'labels', labelVersion: result.labelVersion });
  return result;
}
