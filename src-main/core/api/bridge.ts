import type { ApiError } from './contract.ts';
import type { StudioEvent } from './events.ts';

/**
 * What a door hands the renderer, whatever carries it: the Electron preload exposes exactly this
 * object as `window.studio`; the HTTP client implements the same shape over fetch + EventSource.
 */
export type CallOutcome = { ok: true; result: unknown } | { ok: false; error: ApiError };

export interface StudioBridge {
  call(method: string, input: unknown): Promise<CallOutcome>;
  /** Subscribes to core events; returns the unsubscribe function. */
  onEvent(listener: (event: StudioEvent) => void): () => void;
  /** How the page loads sample images: `${imageBase}${id}.png` (HTTP: '/img/', Electron: 'fer://app/img/'). */
  readonly imageBase: string;
}

/** IPC channel names, one place for main and preload. */
export const IPC_CHANNELS = { call: 'studio:call', event: 'studio:event' } as const;
