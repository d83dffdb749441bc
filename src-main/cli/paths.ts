import { closeSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';

/** Checks of the paths the CLI is given, before anything is opened or written. */

/**
 * How far a command may go for a missing workspace: 'none' (most commands), 'file' (import: a new file in an
 * existing folder), 'file-and-folders' (`init`, `--create`).
 */
export type WorkspaceCreation = 'none' | 'file' | 'file-and-folders';

const SQLITE_HEADER = 'SQLite format 3\0';

/**
 * Checks a --workspace path before SQLite sees it: SQLite creates a missing file (and the studio its folders)
 * and opens any SQLite file, so a typo would silently start an empty workspace somewhere.
 * Returns 'new' when the workspace is to be created; throws an error naming the path otherwise.
 */
export function checkWorkspacePath(path: string, creation: WorkspaceCreation): 'existing' | 'new' {
  const found = statOrNull(path);
  if (!found) {
    const folder = dirname(resolve(path));
    const folderExists = statOrNull(folder)?.isDirectory() ?? false;
    if (creation === 'file-and-folders' || (creation === 'file' && folderExists)) return 'new';
    const why = folderExists ? 'no such file' : `its folder ${folder} does not exist`;
    throw new Error(`not a FER Studio workspace: ${path} (${why}; \`fer-studio init ${path}\` creates one, or add --create).`);
  }
  if (found.isDirectory()) throw new Error(`${path} is a directory (--workspace takes a workspace file, e.g. ${join(path, 'workspace.db')}).`);
  const why = notWorkspaceReason(path);
  if (why) throw new Error(`not a FER Studio workspace: ${path} (${why}).`);
  return 'existing';
}

/**
 * A file the CLI writes (export, scores): an existing file is replaced only with --force, a directory never,
 * and a missing folder is an error, not created (a typo in the path would otherwise scatter files).
 */
export function checkOutputFile(out: string, force: boolean): void {
  checkFolderOf(out);
  const found = statOrNull(out);
  if (found?.isDirectory()) throw new Error(`${out} is a directory.`);
  if (found && !force) throw new Error(`${out} already exists (--force replaces it).`);
}

/** A folder an export creates: its parent must exist (the exporter refuses a non-empty or file target). */
export function checkOutputFolder(out: string): void {
  checkFolderOf(out);
  if (statOrNull(out)?.isFile()) throw new Error(`${out} is a file; a folder export needs a new or empty folder.`);
}

function checkFolderOf(out: string): void {
  const folder = dirname(resolve(out));
  if (!statOrNull(folder)?.isDirectory()) throw new Error(`folder does not exist: ${folder} (create it first).`);
}

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw new Error(`cannot read ${path} (${code ?? String(e)}).`);
  }
}

/** Why the file is no workspace (null when it is one): not SQLite, or SQLite without FER Studio's schema table. */
function notWorkspaceReason(path: string): string | null {
  const header = Buffer.alloc(SQLITE_HEADER.length);
  const fd = openSync(path, 'r');
  try {
    if (readSync(fd, header, 0, header.length, 0) < header.length || header.toString('latin1') !== SQLITE_HEADER) return 'not an SQLite database';
  } finally {
    closeSync(fd);
  }
  let db: Database.Database | null = null;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    const ours = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'").get();
    return ours ? null : 'an SQLite database without FER Studio tables';
  } catch (e) {
    return `unreadable SQLite database: ${e instanceof Error ? e.message : String(e)}`;
  } finally {
    db?.close();
  }
}
