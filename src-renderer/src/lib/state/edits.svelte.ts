import { api, onStudioEvent } from '../api/studio.ts';
import type { EditResult } from '../api/core-types.ts';
import { toasts } from './toasts.svelte.ts';

/**
 * The label version and undo/redo availability, shared by every view. Views that show labels watch
 * `version` and reload when it moves (after their own edits, undo, or an edit from another door).
 */
class EditsState {
  version = $state(0);
  canUndo = $state(false);
  canRedo = $state(false);
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
      this.canUndo = info.canUndo;
      this.canRedo = info.canRedo;
    } catch (e) {
      toasts.error(e);
    }
  }

  record(r: EditResult): void {
    this.version = r.labelVersion;
    this.canUndo = r.canUndo;
    this.canRedo = r.canRedo;
  }

  async undo(): Promise<EditResult | undefined> {
    return this.step('undo');
  }

  async redo(): Promise<EditResult | undefined> {
    return this.step('redo');
  }

  private async step(which: 'undo' | 'redo'): Promise<EditResult | undefined> {
    try {
      const r = await api[which]({});
      this.record(r);
      toasts.show('info', r.changed ? `${which === 'undo' ? 'Undid' : 'Redid'} ${r.changed} change${r.changed > 1 ? 's' : ''}.` : `Nothing to ${which}.`);
      return r;
    } catch (e) {
      toasts.error(e);
      return undefined;
    }
  }
}

export const edits = new EditsState();
