import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { IPC_CHANNELS, type CallOutcome } from '../../../src-common/bridge.ts';
import type { StudioEvent } from '../../../src-main/core/api/events.ts';
import type { SampleDetail, UndoState, WorkspaceInfo } from '../../../src-main/core/api.ts';
import { Studio } from '../../../src-main/core/studio/studio.ts';
import { bindFileActions, bindStudioIpc, forwardStudioEvents, type InvokeEventLike, type IpcRegistry } from '../../../src-main/electron/ipc.ts';
import { insertSyntheticSamples, tempDir } from '../../helpers/temp-workspace.ts';

/** An in-memory ipcMain: one handler per channel (like Electron, a second `handle` throws). */
class MemoryIpc implements IpcRegistry {
  readonly handlers = new Map<string, (event: InvokeEventLike, ...args: unknown[]) => unknown>();
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => unknown): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /** What ipcRenderer.invoke(channel, ...args) from a frame at `url` would get back. */
  async invoke(url: string | null, channel: string, ...args: unknown[]): Promise<CallOutcome> {
    return this.invokeFrom(1, url, channel, ...args);
  }

  /** The same from the window whose webContents id is `windowId`. */
  async invokeFrom(windowId: number, url: string | null, channel: string, ...args: unknown[]): Promise<CallOutcome> {
    const h = this.handlers.get(channel);
    if (!h) throw new Error(`No handler registered for '${channel}'`);
    return (await h({ senderFrame: url === null ? null : { url }, sender: { id: windowId } }, ...args)) as CallOutcome;
  }
}

const APP = 'fer://app/index.html';

describe('ipc: the StudioApi over an ipcMain-like registry, on a real workspace', () => {
  const tmp = tempDir();
  let studio: Studio;
  let ipc: MemoryIpc;
  let unbind: () => void;

  beforeEach(() => {
    studio = new Studio(tmp.path(`w-${Math.random()}.db`));
    insertSyntheticSamples(studio.workspace, [0, 1, 2, 3, 4, 5, 6]);
    ipc = new MemoryIpc();
    unbind = bindStudioIpc(ipc, () => studio);
  });
  afterEach(async () => {
    unbind();
    await studio.close();
  });
  afterAll(() => tmp.cleanup());

  const label = async (id: number) => ((await studio.call('getSample', { id })) as SampleDetail).label;

  it('runs a call from the app page through the real handlers', async () => {
    const out = await ipc.invoke(APP, IPC_CHANNELS.call, 'info', {});
    expect(out.ok).toBe(true);
    expect((out as { result: WorkspaceInfo }).result.samples).toBe(7);
    const edit = await ipc.invoke('fer://app/review', IPC_CHANNELS.call, 'setLabel', { ids: [2], label: 6 });
    expect(edit).toMatchObject({ ok: true, result: { changed: 1 } });
    expect(await label(2)).toBe(6);
  });

  it("records which window made a label step, so another window's Undo names it", async () => {
    await ipc.invokeFrom(3, APP, IPC_CHANNELS.call, 'setLabel', { ids: [1], label: 6 });
    const own = (await ipc.invokeFrom(3, APP, IPC_CHANNELS.call, 'undoState', {})) as { result: UndoState };
    const other = (await ipc.invokeFrom(4, APP, IPC_CHANNELS.call, 'undoState', {})) as { result: UndoState };
    expect(own.result.undoStep).toMatchObject({ by: 'you', mine: true });
    expect(other.result.undoStep).toMatchObject({ by: 'another desktop window', mine: false });
  });

  it('refuses senders that are not the fer://app/ origin, without running the handler', async () => {
    for (const url of ['http://localhost:5173/', 'https://app/', 'fer://evil/', 'file:///tmp/x.html', 'fer://user:pw@app/', 'not a url', '', null]) {
      const out = await ipc.invoke(url, IPC_CHANNELS.call, 'setLabel', { ids: [0], label: 3 });
      expect(out.ok, `sender ${url}`).toBe(false);
      expect(out.ok ? '' : out.error.message).toMatch(/not the app's own fer:\/\/app\/ page/);
    }
    expect(await label(0)).toBe(0);
  });

  it('validates inputs against the contract (bad input never reaches the core)', async () => {
    const bad = await ipc.invoke(APP, IPC_CHANNELS.call, 'setLabel', { ids: [1], label: 1000 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad-input' } });
    expect(bad.ok ? '' : bad.error.message).toMatch(/Invalid input for setLabel: label/);
    const wrongType = await ipc.invoke(APP, IPC_CHANNELS.call, 'setLabel', { ids: '1', label: 2 });
    expect(wrongType).toMatchObject({ ok: false, error: { code: 'bad-input' } });
    expect(await label(1)).toBe(1);
  });

  it('maps unknown methods, bad method names and core errors to ApiError', async () => {
    expect(await ipc.invoke(APP, IPC_CHANNELS.call, 'dropTables', {})).toMatchObject({ ok: false, error: { code: 'not-found', message: "Unknown method 'dropTables'." } });
    expect(await ipc.invoke(APP, IPC_CHANNELS.call, 'constructor', {})).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await ipc.invoke(APP, IPC_CHANNELS.call, 42, {})).toMatchObject({ ok: false, error: { code: 'bad-input' } });
    expect(await ipc.invoke(APP, IPC_CHANNELS.call, 'getSample', { id: 999 })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('offers the page no method that takes a file path (the menu dialogs call them in-process)', async () => {
    for (const [method, input] of [
      ['importFer2013', { path: '/etc/passwd' }],
      ['exportDiff', { out: tmp.path('diff.csv') }],
      ['exportCsv', { out: tmp.path('out.csv') }],
    ] as const) {
      const out = await ipc.invoke(APP, IPC_CHANNELS.call, method, input);
      expect(out, method).toMatchObject({ ok: false, error: { code: 'not-found' } });
      expect(out.ok ? '' : out.error.message).toMatch(/is not offered by the desktop window door/);
    }
    expect(existsSync(tmp.path('diff.csv')) || existsSync(tmp.path('out.csv'))).toBe(false);
    await expect(studio.call('exportDiff', { out: tmp.path('diff.csv') })).resolves.toMatchObject({ rows: 0 });
  });

  it('follows the Studio it is given on every call (the menu can switch workspaces)', async () => {
    const other = new Studio(tmp.path('other.db'));
    insertSyntheticSamples(other.workspace, [3, 3]);
    let current: Studio = studio;
    const ipc2 = new MemoryIpc();
    bindStudioIpc(ipc2, () => current);
    expect(await ipc2.invoke(APP, IPC_CHANNELS.call, 'info', {})).toMatchObject({ result: { samples: 7 } });
    current = other;
    expect(await ipc2.invoke(APP, IPC_CHANNELS.call, 'info', {})).toMatchObject({ result: { samples: 2 } });
    await other.close();
  });

  it('unbinding removes the handler; binding twice fails like ipcMain', () => {
    expect(() => bindStudioIpc(ipc, () => studio)).toThrow(/second handler/);
    unbind();
    expect(ipc.handlers.has(IPC_CHANNELS.call)).toBe(false);
    unbind = bindStudioIpc(ipc, () => studio);
  });

  it('forwards core events to the window until it is destroyed or unsubscribed', async () => {
    const sent: Array<[string, StudioEvent]> = [];
    let destroyed = false;
    const stop = forwardStudioEvents((l) => studio.subscribe(l), { isDestroyed: () => destroyed, send: (channel, event) => sent.push([channel, event]) });
    await ipc.invoke(APP, IPC_CHANNELS.call, 'setLabel', { ids: [4], label: 0 });
    expect(sent).toEqual([[IPC_CHANNELS.event, { type: 'labels', labelVersion: expect.any(Number) }]]);
    destroyed = true;
    await ipc.invoke(APP, IPC_CHANNELS.call, 'undo', {});
    expect(sent).toHaveLength(1);
    destroyed = false;
    stop();
    await ipc.invoke(APP, IPC_CHANNELS.call, 'redo', {});
    expect(sent).toHaveLength(1);
  });

  it('File actions: run by name for the app page only, never an unknown name; the page sends no path', async () => {
    const ran: string[] = [];
    const unbindFiles = bindFileActions(ipc, async (action) => void ran.push(action));
    expect(await ipc.invoke(APP, IPC_CHANNELS.file, 'importFer2013')).toEqual({ ok: true, result: null });
    expect(await ipc.invoke('http://localhost:5173/', IPC_CHANNELS.file, 'exportCsv')).toMatchObject({ ok: false, error: { message: expect.stringMatching(/not the app's own fer:\/\/app\/ page/) } });
    for (const bad of ['/etc/passwd', 'about', 'openRecent', 42, null]) {
      expect(await ipc.invoke(APP, IPC_CHANNELS.file, bad), String(bad)).toMatchObject({ ok: false, error: { code: 'bad-input', message: expect.stringContaining('Unknown file action') } });
    }
    expect(ran).toEqual(['importFer2013']);
    unbindFiles();
  });

  it("File actions: an image folder's import may carry its storage options, validated; no other action takes any", async () => {
    const ran: unknown[] = [];
    const unbindFiles = bindFileActions(ipc, async (action, options) => void ran.push([action, options]));
    expect(await ipc.invoke(APP, IPC_CHANNELS.file, 'importFolder', { side: 32, channels: 3, mirrorable: false })).toEqual({ ok: true, result: null });
    expect(await ipc.invoke(APP, IPC_CHANNELS.file, 'importFolder')).toEqual({ ok: true, result: null });
    const refused = [
      ['importFolder', { side: 33 }, 'side'],
      ['importFolder', { channels: 2 }, 'channels'],
      ['importFolder', { path: '/etc' }, 'path'], // no path, whatever the key
      ['importFolder', 'big', 'options'],
      ['exportCsv', { side: 32 }, 'takes no options'],
    ] as const;
    for (const [action, options, says] of refused) {
      expect(await ipc.invoke(APP, IPC_CHANNELS.file, action, options), JSON.stringify(options)).toMatchObject({ ok: false, error: { code: 'bad-input', message: expect.stringContaining(says) } });
    }
    expect(ran).toEqual([['importFolder', { side: 32, channels: 3, mirrorable: false }], ['importFolder', undefined]]);
    unbindFiles();
    expect(ipc.handlers.has(IPC_CHANNELS.file)).toBe(false);
  });
});
