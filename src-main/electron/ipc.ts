import type { CallOutcome, FileAction } from '../../src-common/bridge.ts';
import { IPC_CHANNELS, isFileAction } from '../../src-common/bridge.ts';
import { StudioError } from '../core/api/contract.ts';
import type { StudioEvent } from '../core/api/events.ts';
import type { Caller, Door } from '../core/api.ts';
import { toApiError } from '../core/studio/dispatch.ts';
import { folderImportOptionsInput, type FolderImportOptions } from '../core/api/workspace-api.ts';
import { isAppUrl } from './app-origin.ts';

/**
 * The Electron door: binds the StudioApi to one IPC channel. It takes the ipcMain-like registry and the
 * Studio as parameters, so unit tests drive it with an in-memory registry and a real temp workspace,
 * without loading Electron.
 */

/** The part of Electron's IpcMainInvokeEvent this door reads. */
export interface InvokeEventLike {
  readonly senderFrame: { readonly url: string } | null;
  /** The window's webContents: its id names the window in label steps ('window-N'). */
  readonly sender?: { readonly id: number };
}

/** The part of Electron's ipcMain this door uses. */
export interface IpcRegistry {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

/** What ipc needs from the core: validate-then-run (Studio.call goes through dispatch) and nothing else. */
export interface StudioCaller {
  call(method: string, input: unknown, caller: Door | Caller): Promise<unknown>;
}

/** Where events go: a window's webContents (send is a no-op once it is destroyed). */
export interface EventSink {
  isDestroyed(): boolean;
  send(channel: string, event: StudioEvent): void;
}

/**
 * Registers the `studio:call` handler. `getStudio` is read on every call because the menu can switch
 * workspaces. Returns a function that unregisters it.
 */
export function bindStudioIpc(registry: IpcRegistry, getStudio: () => StudioCaller): () => void {
  registry.handle(IPC_CHANNELS.call, (event, method, input) => handleCall(getStudio(), event, method, input));
  return () => registry.removeHandler(IPC_CHANNELS.call);
}

/**
 * One call: sender check, then Studio.call as the 'ipc' door (which validates `input` against the contract's
 * schema and refuses the path-taking methods: the page never names a file; the menu's dialogs do).
 */
export async function handleCall(studio: StudioCaller, event: InvokeEventLike, method: unknown, input: unknown): Promise<CallOutcome> {
  const url = event.senderFrame?.url;
  if (!isAppUrl(url)) {
    return { ok: false, error: { code: 'bad-input', message: `IPC call refused: the sender (${url ?? 'no frame'}) is not the app's own fer://app/ page.` } };
  }
  if (typeof method !== 'string' || method.length === 0 || method.length > 100) {
    return { ok: false, error: { code: 'bad-input', message: 'IPC call refused: the method name must be a non-empty string.' } };
  }
  try {
    return { ok: true, result: await studio.call(method, input, { door: 'ipc', ...(event.sender ? { client: `window-${event.sender.id}` } : {}) }) };
  } catch (e) {
    return { ok: false, error: toApiError(e) };
  }
}

/**
 * Registers `studio:file`: the page asks for a File action by name (FILE_ACTIONS), the main process opens the
 * native dialog and calls the path-taking method with the path chosen there. The same sender check as every call
 * (handleCall), and the name is validated before anything runs; the page never sends a path. An image folder's
 * import may carry its storage options (FileActionArgs), validated like the browser door's.
 */
export function bindFileActions(registry: IpcRegistry, run: (action: FileAction, folderOptions: FolderImportOptions | undefined) => Promise<void>): () => void {
  const actions: StudioCaller = {
    async call(_method, input) {
      const { action, options } = (input ?? {}) as { action?: unknown; options?: unknown };
      if (!isFileAction(action)) throw new StudioError('bad-input', `Unknown file action '${String(action).slice(0, 40)}'.`);
      if (options === undefined) return (await run(action, undefined), null);
      if (action !== 'importFolder') throw new StudioError('bad-input', `The file action '${action}' takes no options.`);
      const parsed = folderImportOptionsInput.safeParse(options);
      if (!parsed.success) throw new StudioError('bad-input', `Image folder options refused: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'options'}: ${i.message}`).join('; ')}.`);
      await run(action, parsed.data);
      return null;
    },
  };
  registry.handle(IPC_CHANNELS.file, (event, action, options) => handleCall(actions, event, 'fileAction', { action, options }));
  return () => registry.removeHandler(IPC_CHANNELS.file);
}

/** Forwards core events to the window; returns the unsubscribe function. */
export function forwardStudioEvents(subscribe: (listener: (event: StudioEvent) => void) => () => void, target: EventSink): () => void {
  return subscribe((event) => {
    if (!target.isDestroyed()) target.send(IPC_CHANNELS.event, event);
  });
}
