import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_WINDOW_STATE, loadWindowState, restoreWindowState, saveWindowState } from '../../../src-main/electron/window-state.ts';
import { tempDir } from '../../helpers/temp-workspace.ts';

const screen = [{ x: 0, y: 0, width: 1920, height: 1080 }];

describe('window state', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('round-trips through the settings file', () => {
    const file = tmp.path('window-state.json');
    saveWindowState(file, { x: 100, y: 80, width: 1000, height: 700 }, true);
    expect(loadWindowState(file, screen)).toEqual({ x: 100, y: 80, width: 1000, height: 700, maximized: true });
  });

  it('falls back to the default for a missing or corrupt file', () => {
    expect(loadWindowState(tmp.path('missing.json'), screen)).toEqual(DEFAULT_WINDOW_STATE);
    writeFileSync(tmp.path('bad.json'), '{"width": "wide"');
    expect(loadWindowState(tmp.path('bad.json'), screen)).toEqual(DEFAULT_WINDOW_STATE);
    expect(restoreWindowState({ width: 'x', height: 600 }, screen)).toEqual(DEFAULT_WINDOW_STATE);
  });

  it('keeps the size but drops a position on a display that is gone', () => {
    expect(restoreWindowState({ x: 2500, y: 100, width: 900, height: 600, maximized: false }, screen)).toEqual({ width: 900, height: 600, maximized: false });
    expect(restoreWindowState({ x: 2500, y: 100, width: 900, height: 600 }, [...screen, { x: 1920, y: 0, width: 1920, height: 1080 }])).toMatchObject({ x: 2500 });
  });

  it('never restores a window smaller than the minimum', () => {
    expect(restoreWindowState({ x: 10, y: 10, width: 20, height: 10 }, screen)).toMatchObject({ width: 640, height: 480 });
  });
});
