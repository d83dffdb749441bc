import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decideLaunch, findElectronBinary, parseStartArgs } from '../../../scripts/launch-plan.mjs';
import { tempDir } from '../../helpers/temp-workspace.ts';

const NO_BINARY_LINE = "Electron's binary is not installed (offline); serving FER Studio in the browser instead.";

describe("npm start's launch decision", () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('finds no Electron binary when path.txt or dist/ is missing (never requiring electron)', () => {
    const dir = tmp.path('electron');
    mkdirSync(dir, { recursive: true });
    expect(findElectronBinary(dir, {})).toBeNull();
    writeFileSync(join(dir, 'path.txt'), 'electron');
    expect(findElectronBinary(dir, {})).toBeNull(); // path.txt written, download never finished
    mkdirSync(join(dir, 'dist'));
    writeFileSync(join(dir, 'dist', 'electron'), '');
    expect(findElectronBinary(dir, {})).toBe(join(dir, 'dist', 'electron'));
    expect(findElectronBinary(dir, { ELECTRON_OVERRIDE_DIST_PATH: tmp.path('nowhere') })).toBeNull();
  });

  it('this checkout has no Electron binary, so npm start would serve the browser UI', () => {
    expect(findElectronBinary(resolve(import.meta.dirname, '../../../node_modules/electron'), {})).toBeNull();
  });

  it('with the binary missing it picks the browser and says so in one line', () => {
    const plan = decideLaunch({ electronBinary: null, platform: 'linux', env: { DISPLAY: ':0' }, argv: [] });
    expect(plan).toEqual({ mode: 'browser', message: NO_BINARY_LINE, args: [] });
  });

  it('passes the workspace to either door', () => {
    expect(decideLaunch({ electronBinary: null, platform: 'linux', env: {}, argv: ['--workspace', 'w.db', '--port', '8080'] })).toMatchObject({ mode: 'browser', args: ['--workspace', 'w.db', '--port', '8080'] });
    expect(decideLaunch({ electronBinary: '/e/electron', platform: 'linux', env: { WAYLAND_DISPLAY: 'wayland-0' }, argv: ['my.db'] })).toEqual({ mode: 'electron', binary: '/e/electron', args: ['--workspace', 'my.db'] });
  });

  it('needs a display on Linux, not on macOS or Windows; --browser forces the browser', () => {
    expect(decideLaunch({ electronBinary: '/e', platform: 'linux', env: {}, argv: [] })).toMatchObject({ mode: 'browser', message: 'No display found (DISPLAY / WAYLAND_DISPLAY are unset); serving FER Studio in the browser instead.' });
    expect(decideLaunch({ electronBinary: '/e', platform: 'darwin', env: {}, argv: [] }).mode).toBe('electron');
    expect(decideLaunch({ electronBinary: '/e', platform: 'win32', env: {}, argv: [] }).mode).toBe('electron');
    expect(decideLaunch({ electronBinary: '/e', platform: 'linux', env: { DISPLAY: ':0' }, argv: ['--browser'] })).toMatchObject({ mode: 'browser', message: '--browser given; serving FER Studio in the browser instead.' });
  });

  it('rejects --workspace without a path', () => {
    expect(() => parseStartArgs(['--workspace'])).toThrow(/--workspace needs a file path/);
    expect(parseStartArgs(['--workspace=a.db', '--open'])).toEqual({ workspace: 'a.db', browser: false, rest: ['--open'] });
  });

  it('start.mjs itself prints exactly that one line before serving (run with the decision only)', () => {
    // The real launcher module, with Electron absent here; the serve step is cut short by an invalid port.
    const root = resolve(import.meta.dirname, '../../..');
    const r = spawnSync(process.execPath, [join(root, 'scripts', 'start.mjs'), '--workspace', tmp.path('s.db'), '--port', '70000'], { cwd: root, encoding: 'utf8', timeout: 60_000, env: { ...process.env, DISPLAY: '', FER_STUDIO_START_NO_PREPARE: '1' } });
    const lines = r.stdout.split('\n').filter(Boolean);
    expect(lines[0]).toBe(NO_BINARY_LINE);
    expect(r.stderr).toMatch(/--port must be between 0 and 65535/);
    expect(r.status).toBe(2);
  }, 60_000);
});
