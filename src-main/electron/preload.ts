/**
 * The preload: exposes exactly one object, `window.studio`, implementing StudioBridge. Nothing else of
 * Electron or Node reaches the page. Runs sandboxed, so it is bundled to one CommonJS file (dist/electron/preload.cjs).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_CHANNELS, type CallOutcome, type FileAction, type FileActionArgs, type StudioBridge } from '../../src-common/bridge.ts';
import type { StudioEvent } from '../core/api/events.ts';

const studio: StudioBridge = {
  call: (method: string, input: unknown) => ipcRenderer.invoke(IPC_CHANNELS.call, method, input) as Promise<CallOutcome>,
  async fileAction<A extends FileAction>(action: A, ...args: FileActionArgs<A>): Promise<void> {
    const outcome = (await ipcRenderer.invoke(IPC_CHANNELS.file, action, ...args)) as CallOutcome;
    if (!outcome.ok) throw new Error(outcome.error.message);
  },
  onEvent(listener: (event: StudioEvent) => void): () => void {
    // Wrap so the page never sees the IpcRendererEvent (it carries `sender`, a handle on ipcRenderer).
    const wrapped = (_e: IpcRendererEvent, event: StudioEvent) => listener(event);
    ipcRenderer.on(IPC_CHANNELS.event, wrapped);
    return () => {
      ipcRenderer.removeListener(IPC_CHANNELS.event, wrapped);
    };
  },
  imageBase: 'fer://app/img/',
};

contextBridge.exposeInMainWorld('studio', studio);
