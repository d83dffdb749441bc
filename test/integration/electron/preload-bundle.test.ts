import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runInNewContext } from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');

/**
 * The built preload (dist/electron/preload.cjs) in a sandbox-like context whose only module is a recording
 * 'electron': it must expose exactly one object, `studio`, with call / onEvent / imageBase, and never hand
 * the page the IpcRendererEvent (it carries `sender`, a handle on ipcRenderer).
 */
describe('dist/electron/preload.cjs', () => {
  const exposed: Array<[string, Record<string, unknown>]> = [];
  const invoked: unknown[][] = [];
  const listeners = new Map<string, Set<(...a: unknown[]) => void>>();
  const required: string[] = [];

  beforeAll(() => {
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-electron.mjs')], { cwd: ROOT, stdio: 'pipe' });
    const electron = {
      contextBridge: { exposeInMainWorld: (name: string, api: Record<string, unknown>) => exposed.push([name, api]) },
      ipcRenderer: {
        invoke: async (...args: unknown[]) => (invoked.push(args), { ok: true, result: 'pong' }),
        on: (ch: string, l: (...a: unknown[]) => void) => void (listeners.get(ch) ?? listeners.set(ch, new Set()).get(ch)!).add(l),
        removeListener: (ch: string, l: (...a: unknown[]) => void) => void listeners.get(ch)?.delete(l),
      },
    };
    const code = readFileSync(join(ROOT, 'dist', 'electron', 'preload.cjs'), 'utf8');
    // Sandboxed preloads get a `require` limited to a few modules: give it only 'electron' and record asks.
    const require = (name: string) => {
      required.push(name);
      if (name === 'electron') return electron;
      throw new Error(`the sandboxed preload cannot require '${name}'`);
    };
    runInNewContext(code, { require, module: { exports: {} }, exports: {} });
  });

  it('needs nothing but electron, and exposes exactly one object: studio', () => {
    expect(required).toEqual(['electron']);
    expect(exposed.map(([name]) => name)).toEqual(['studio']);
    expect(Object.keys(exposed[0]![1]).sort()).toEqual(['call', 'fileAction', 'imageBase', 'onEvent']);
    expect(exposed[0]![1].imageBase).toBe('fer://app/img/');
  });

  it('calls go to the studio:call channel; events arrive without the IPC event object', async () => {
    const studio = exposed[0]![1] as { call: (m: string, i: unknown) => Promise<unknown>; onEvent: (l: (e: unknown) => void) => () => void };
    expect(await studio.call('info', {})).toEqual({ ok: true, result: 'pong' });
    expect(invoked).toEqual([['studio:call', 'info', {}]]);
    const got: unknown[][] = [];
    const off = studio.onEvent((...args) => got.push(args));
    const ipcEvent = { sender: { send: () => {} } };
    listeners.get('studio:event')!.forEach((l) => l(ipcEvent, { type: 'labels', labelVersion: 3 }));
    expect(got).toEqual([[{ type: 'labels', labelVersion: 3 }]]);
    off();
    expect(listeners.get('studio:event')!.size).toBe(0);
  });

  it('a File action goes to the studio:file channel by name and resolves when the main process is done', async () => {
    const studio = exposed[0]![1] as { fileAction: (a: string) => Promise<void> };
    invoked.length = 0;
    await studio.fileAction('exportCsv');
    expect(invoked).toEqual([['studio:file', 'exportCsv']]);
  });
});
