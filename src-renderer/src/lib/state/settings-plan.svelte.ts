import { onStudioEvent } from '../api/studio.ts';
import { training, type TrainSettings } from './training.svelte.ts';

/** A plan computed by the core from the Train settings (retrain options, presets), kept current. */
export interface SettingsPlan<T> {
  readonly value: T | null;
  readonly error: string | null;
  /** A plan for settings that just changed is on its way: what is on screen may be stale until then. */
  readonly pending: boolean;
}

/**
 * Asks `fetch` again whenever the settings change, labels change (exclusions change the sample count) or a
 * training run finishes (a new fine-tune base and this machine's measured speed). Call during component init.
 */
export function settingsPlan<T>(fetch: (settings: TrainSettings) => Promise<T>): SettingsPlan<T> {
  let value = $state.raw<T | null>(null);
  let error = $state<string | null>(null);
  let pending = $state(true);
  let version = $state(0);

  $effect(() =>
    onStudioEvent((e) => {
      if (e.type === 'labels' || (e.type === 'job' && (e.job.kind === 'train' || e.job.kind === 'ensemble') && e.job.state === 'done')) version++;
    }),
  );

  $effect(() => {
    void version;
    const settings: TrainSettings = $state.snapshot(training.settings);
    let stale = false;
    pending = true;
    fetch(settings).then(
      (p) => {
        if (stale) return;
        value = p;
        error = null;
        pending = false;
      },
      (e: unknown) => {
        if (!stale) error = e instanceof Error ? e.message : String(e);
      },
    );
    return () => {
      stale = true;
    };
  });

  return {
    get value() {
      return value;
    },
    get error() {
      return error;
    },
    get pending() {
      return pending;
    },
  };
}
