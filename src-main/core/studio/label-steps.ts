import type { Caller } from '../api.ts';
import type { LabelStep, UndoState } from '../api/samples-api.ts';
import { CLASS_NAMES } from '../../../src-common/classes.ts';
import type { LabelHistory, StoredStep } from '../store/label-history.ts';

/** A browser tab's id as the X-Fer-Client header carries it; anything else is not recorded. */
export const CLIENT_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** What a label step records as its maker: the door, and the tab, window or program when known. */
export function actorOf(caller: Caller): string {
  return caller.client && CLIENT_ID.test(caller.client) ? `${caller.door}:${caller.client}` : caller.door;
}

/** Who made a step, in words for `caller` ('you' when it is the caller's own). */
function byWhom(actor: string | null, caller: Caller): { by: string; mine: boolean } {
  if (actor !== null && actor === actorOf(caller)) return { by: 'you', mine: true };
  if (actor === null) return { by: 'an earlier version of the studio', mine: false };
  const [door, client] = actor.split(':') as [string, string | undefined];
  if (door === 'http') return { by: client ? 'another browser tab' : 'an HTTP client', mine: false };
  if (door === 'ipc') return { by: 'another desktop window', mine: false };
  if (client === 'cli') return { by: 'the command line', mine: false };
  return { by: 'a script or the desktop menu', mine: false };
}

const plural = (n: number) => `${n} sample${n === 1 ? '' : 's'}`;

/** What a step changed, in a few words: '3 samples relabelled to happy', '2 samples kept'. */
export function describeChanges(step: Pick<StoredStep, 'reason' | 'changes'>, classNames: readonly string[] = CLASS_NAMES): string {
  const parts: string[] = [];
  const relabels = step.changes.filter((c) => c.field === 'label');
  const relabelled = relabels.reduce((n, c) => n + c.count, 0);
  if (relabelled > 0) {
    const to = relabels.length === 1 ? ` to ${classNames[relabels[0]!.to] ?? relabels[0]!.to}` : '';
    parts.push(`${plural(relabelled)} ${step.reason === 'accepted-suggestion' ? 'set to their suggestion' : 'relabelled'}${to}`);
  }
  const words: Record<'excluded' | 'kept', [string, string]> = { excluded: ['included again', 'excluded'], kept: ['no longer kept', 'kept'] };
  for (const field of ['excluded', 'kept'] as const) {
    for (const c of step.changes.filter((x) => x.field === field)) parts.push(`${plural(c.count)} ${words[field][c.to]}`);
  }
  return parts.join(', ') || 'no change';
}

function wordStep(step: StoredStep | null, caller: Caller, classNames: readonly string[]): LabelStep | null {
  if (!step) return null;
  return { batchId: step.batchId, what: describeChanges(step, classNames), ...byWhom(step.actor, caller), at: step.createdAt };
}

/** Undo/redo availability and the steps they would act on, for `caller` (class names: the workspace's dataset's). */
export function undoState(labels: LabelHistory, caller: Caller, classNames: readonly string[] = CLASS_NAMES): UndoState {
  const undoStep = wordStep(labels.nextStep('undo'), caller, classNames);
  const redoStep = wordStep(labels.nextStep('redo'), caller, classNames);
  return { canUndo: undoStep !== null, canRedo: redoStep !== null, undoStep, redoStep };
}
