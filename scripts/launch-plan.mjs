// What `npm start` launches: the Electron app when its binary is installed and a display exists, otherwise
// the same UI served over HTTP to the browser. Pure functions (the file system and environment are passed in)
// so the decision is unit-tested; plain JavaScript because it runs before node_modules may exist.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The Electron executable, or null when it is not installed. Reads node_modules/electron/path.txt and checks
 * dist/<path> exists, as electron/index.js does, but never requires that module: requiring it when the
 * binary is missing starts a download (which fails offline).
 */
export function findElectronBinary(electronDir, env = process.env, fs = { existsSync, readFileSync }) {
  const pathFile = join(electronDir, 'path.txt');
  const relative = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8').trim() : '';
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const p = join(env.ELECTRON_OVERRIDE_DIST_PATH, relative || 'electron');
    return fs.existsSync(p) ? p : null;
  }
  if (!relative) return null;
  const p = join(electronDir, 'dist', relative);
  return fs.existsSync(p) ? p : null;
}

/** Linux needs an X11 or Wayland display for a window; macOS and Windows always have one. */
export function hasDisplay(platform, env) {
  if (platform !== 'linux' && platform !== 'freebsd' && platform !== 'openbsd') return true;
  return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

/** `npm start -- [--workspace W | W.db] [--browser] [other flags for serve]`. */
export function parseStartArgs(argv) {
  let workspace = null;
  let browser = false;
  const rest = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--workspace') {
      workspace = argv[++i] ?? null;
      if (!workspace) throw new Error('--workspace needs a file path, e.g. npm start -- --workspace my.db');
    } else if (a.startsWith('--workspace=')) workspace = a.slice('--workspace='.length);
    else if (a === '--browser') browser = true;
    else if (!a.startsWith('-') && workspace === null && /\.(db|sqlite)$/i.test(a)) workspace = a;
    else rest.push(a);
  }
  return { workspace, browser, rest };
}

/**
 * The plan: { mode: 'electron', binary, args } or { mode: 'browser', message, args }; `message` is the one
 * line printed to say why the browser is used. `args` carry the workspace on to either door.
 */
export function decideLaunch({ electronBinary, platform, env, argv }) {
  const { workspace, browser, rest } = parseStartArgs(argv);
  const workspaceArgs = workspace ? ['--workspace', workspace] : [];
  const why = browser
    ? '--browser given'
    : !electronBinary
      ? "Electron's binary is not installed (offline)"
      : !hasDisplay(platform, env)
        ? 'No display found (DISPLAY / WAYLAND_DISPLAY are unset)'
        : null;
  if (why === null) return { mode: 'electron', binary: electronBinary, args: workspaceArgs };
  return { mode: 'browser', message: `${why}; serving FER Studio in the browser instead.`, args: [...workspaceArgs, ...rest] };
}
