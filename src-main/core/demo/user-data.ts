import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The per-user folder FER Studio keeps its workspaces in: the same folder for the desktop app (main.ts sets
 * Electron's userData here) and for the browser fallback of `npm start`. Overridable by FER_STUDIO_USER_DATA.
 */
export function userDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = homedir()): string {
  if (env.FER_STUDIO_USER_DATA) return env.FER_STUDIO_USER_DATA;
  const base =
    platform === 'win32'
      ? env.APPDATA ?? join(home, 'AppData', 'Roaming')
      : platform === 'darwin'
        ? join(home, 'Library', 'Application Support')
        : env.XDG_CONFIG_HOME ?? join(home, '.config');
  return join(base, 'fer-studio');
}
