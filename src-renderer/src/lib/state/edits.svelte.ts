import { api, onStudioEvent } from '../api/studio.ts';
import type { EditResult, LabelStep, UndoState } from '../api/core-types.ts';
import { toasts } from './toasts.svelte.ts';

/** An undo or redo of a step this window did not make, waiting for the person's yes or no (App shows the dialog). */
export interface PendingStep {
  which: 'undo' | 'redo';
  step: LabelStep;
  answer: (go: boolean) => void;
}

/** What undo/redo did, and the step it acted on (`step.mine`: this window's own). */
export type StepResult = EditResult & { step: LabelStep };

/**
 * The label version and undo/redo availability, shared by every view. Views that show labels watch
 * `version` and reload when it moves (after their own edits, undo, or an edit from another door).
 * Undo and Redo act on the workspace's last step, whoever made it; a step made elsewhere (another tab or
 * window, the CLI) is named and confirmed first, and the call names the step shown, so a step made in the
 * meantime is never undone unseen.
 */
class EditsState {
  version = $state(0);
  canUndo = $state(false);
  canRedo = $state(false);
  undoStep = $state<LabelStep | null>(null);
  redoStep = $state<LabelStep | null>(null);
  pending = $state<PendingStep | null>(null);
  /** Moves when an import (from any door of this studio) finished: new samples leave the label version as it is. */
  imports = $state(0);

  constructor() {
    onStudioEvent((e) => {
      if (e.type === 'labels' && e.labelVersion !== this.version) void this.refresh();
      if (e.type === 'job' && e.job.kind === 'import' && e.job.state === 'done') this.imports++;
    });
  }

  async refresh(): Promise<void> {
    try {
      const info = await api.info({});
      this.version = info.labelVersion;
      this.setUndo(info);
    } catch (e) {
      toasts.error(e);
    }
  }

  record(r: EditResult): void {
    this.version = r.labelVersion;
    this.setUndo(r);
  }

  async undo(): Promise<StepResult | undefined> {
    return this.step('undo');
  }

  async redo(): Promise<StepResult | undefined> {
    return this.step('redo');
  }

  private setUndo(s: UndoState): void {
    this.canUndo = s.canUndo;
    this.canRedo = s.canRedo;
    this.undoStep = s.undoStep;
    this.redoStep = s.redoStep;
  }

  private ask(which: 'undo' | 'redo', step: LabelStep): Promise<boolean> {
    this.pending?.answer(false);
    return new Promise((resolve) => {
      this.pending = {
        which,
        step,
        answer: (go) => {
          this.pending = null;
          resolve(go);
        },
      };
    });
  }

  private async step(which: 'undo' | 'redo'): Promise<StepResult | undefined> {
    try {
      // Ask the workspace, not this view's memory: another process may have made a step since.
      this.setUndo(await api.undoState({}));
      const step = which === 'undo' ? this.undoStep : this.redoStep;
      if (!step) {
        toasts.show('info', `Nothing to ${which}.`);
        return undefined;
      }
      if (!step.mine && !(await this.ask(which, step))) return undefined;
      const r = await api[which]({ expect: step.batchId });
      this.record(r);
      toasts.show('info', `${which === 'undo' ? 'Undid' : 'Redid'}: ${step.what}${step.mine ? '' : ` (made by ${step.by})`}.`);
      return { ...r, step };
    } catch (e) {
      toasts.error(e);
      void this.refresh();
      return undefined;
    }
  }
}

export const edits = new EditsState();

/** The Undo/Redo button's tooltip: what it would do, and whose step that is. */
export function stepTitle(which: 'undo' | 'redo', step: LabelStep | null, key: string): string {
  if (!step) return `Nothing to ${which} (${key})`;
  return `${which === 'undo' ? 'Undo' : 'Redo'}: ${step.what}, ${step.mine ? 'your step' : `made by ${step.by}`} (${key})`;
}
