import { lstat, mkdir, readdir, realpath, stat } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { StudioError } from '../api/contract.ts';

/** One entry a page may pick by name. */
export interface DataEntry {
  name: string;
  kind: 'file' | 'folder';
  bytes: number;              // 0 for a folder
  modifiedAt: string;
}

/**
 * Why a name is not a plain entry of the folder, or null when it is: no separators, no '..', nothing hidden.
 * The one rule for the contract's schema (workspace-api.ts) and for DataFolder itself.
 */
export function badEntryName(name: string): string | null {
  if (name.length === 0 || name.length > 255) return 'a name of 1 to 255 characters';
  if (/[/\\\0]/.test(name)) return "a name without '/' or '\\' (only entries of the data folder itself)";
  if (name.startsWith('.')) return "a name that does not start with '.' (no '..', no hidden files)";
  return null;
}

/**
 * The server's own folder of data files (`fer-studio serve --data-dir DIR`): the only place a page may import
 * from or export to, by entry NAME, never by path. Every name is checked again here, and an existing entry must
 * still be inside the folder once its links are resolved (a symlink out of it is refused).
 */
export class DataFolder {
  constructor(readonly dir: string) {}

  /** The folder's visible files and subfolders by name (created when missing: it is the server's own). */
  async list(): Promise<DataEntry[]> {
    await mkdir(this.dir, { recursive: true });
    const entries: DataEntry[] = [];
    for (const name of (await readdir(this.dir)).sort()) {
      if (badEntryName(name)) continue;
      const path = await this.inside(name).catch(() => null);
      if (!path) continue; // a link out of the folder, or gone meanwhile
      const s = await stat(path);
      if (s.isFile() || s.isDirectory()) entries.push({ name, kind: s.isFile() ? 'file' : 'folder', bytes: s.isFile() ? s.size : 0, modifiedAt: s.mtime.toISOString() });
    }
    return entries;
  }

  /** The path of an existing entry, to read from. */
  async existing(name: string): Promise<{ path: string; kind: 'file' | 'folder' }> {
    checkName(name);
    const path = await this.inside(name).catch((e: unknown) => {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new StudioError('not-found', `No '${name}' in the data folder (${this.dir}).`);
      throw e;
    });
    const s = await stat(path);
    if (!s.isFile() && !s.isDirectory()) throw new StudioError('bad-input', `'${name}' in the data folder is neither a file nor a folder.`);
    return { path, kind: s.isFile() ? 'file' : 'folder' };
  }

  /**
   * The path to write a new entry to. An existing one is replaced only when asked (`replace`, after the person
   * confirmed), only if it is a file inside the folder, and never if it is one of `protect` (the workspace's own files).
   */
  async target(name: string, options: { replace: boolean; protect: (path: string) => boolean }): Promise<string> {
    checkName(name);
    await mkdir(this.dir, { recursive: true });
    const path = join(await realpath(this.dir), name);
    const existing = await lstat(path).catch(() => null);
    if (existing) {
      if (!options.replace) throw new StudioError('conflict', `'${name}' already exists in the data folder: choose another name, or replace it.`);
      const real = await this.inside(name);
      if (!existing.isFile() || options.protect(real)) throw new StudioError('conflict', `'${name}' in the data folder cannot be replaced: only a file that is not the workspace's own.`);
    }
    if (options.protect(path)) throw new StudioError('conflict', `'${name}' is one of the workspace's own files.`);
    return path;
  }

  /** The real path of an entry, which must lie inside the folder's real path. */
  private async inside(name: string): Promise<string> {
    const root = await realpath(this.dir);
    const real = await realpath(join(root, name));
    if (!real.startsWith(root + sep)) throw new StudioError('bad-input', `'${name}' leads out of the data folder.`);
    return real;
  }
}

function checkName(name: string): void {
  const bad = badEntryName(name);
  if (bad) throw new StudioError('bad-input', `Expected ${bad}, got '${name.slice(0, 80)}'.`);
}
