import type { ApiError } from '../src-main/core/api/contract.ts';
import type { StudioEvent } from '../src-main/core/api/events.ts';
import type { FolderImportOptions } from '../src-main/core/api/workspace-api.ts';

/**
 * What a door hands the renderer, whatever carries it: the Electron preload exposes exactly this
 * object as `window.studio`; the HTTP client implements the same shape over fetch + EventSource.
 */
export type CallOutcome = { ok: true; result: unknown } | { ok: false; error: ApiError };

/**
 * What the desktop page may ask the main process to do with files: each opens a native dialog there, and the
 * chosen path goes straight to a path-taking method (the menu's File actions). The page names the action, never a path.
 */
export const FILE_ACTIONS = ['openWorkspace', 'newWorkspace', 'importFer2013', 'importFolder', 'exportCsv', 'exportFolders', 'exportDiff'] as const;
export type FileAction = (typeof FILE_ACTIONS)[number];
export const isFileAction = (name: unknown): name is FileAction => typeof name === 'string' && (FILE_ACTIONS as readonly string[]).includes(name);
/**
 * What a File action may carry besides its name: an image folder's storage options, for a first import (the page
 * asks them, as the browser door's dialog does). No path, ever.
 */
export type FileActionArgs<A extends FileAction> = A extends 'importFolder' ? [options?: FolderImportOptions] : [];

export interface StudioBridge {
  call(method: string, input: unknown): Promise<CallOutcome>;
  /** Desktop only: runs a File action (native dialog, then the call) and resolves when it is over. Absent in a browser. */
  fileAction?<A extends FileAction>(action: A, ...args: FileActionArgs<A>): Promise<void>;
  /** Subscribes to core events; returns the unsubscribe function. */
  onEvent(listener: (event: StudioEvent) => void): () => void;
  /** How the page loads sample images: `${imageBase}${id}.png` (HTTP: '/img/', Electron: 'fer://app/img/'). */
  readonly imageBase: string;
}

/**
 * The HTTP header a page sends its tab id in (a random id made at each page load), so the label steps it makes are
 * recorded as this tab's and its Undo can tell them from another tab's or the CLI's (see label-steps.ts).
 */
export const CLIENT_HEADER = 'X-Fer-Client';

/** IPC channel names, one place for main and preload. */
export const IPC_CHANNELS = { call: 'studio:call', event: 'studio:event', file: 'studio:file' } as const;
