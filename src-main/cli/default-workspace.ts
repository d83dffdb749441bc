import { homedir } from 'node:os';
import { join } from 'node:path';

/** The app's user-data workspace (same folder the desktop app uses), overridable by FER_STUDIO_WORKSPACE. */
export function defaultWorkspacePath(): string {
  if (process.env.FER_STUDIO_WORKSPACE) return process.env.FER_STUDIO_WORKSPACE;
  const base =
    process.platform === 'win32'
      ? process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming')
      : process.platform === 'darwin'
        ? join(homedir(), 'Library', 'Application Support')
        : process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config');
  return join(base, 'fer-studio', 'workspace.db');
}
