import { readJsonFile, writeJsonFile } from './json-file.ts';

/** The File > Recent list: most recent first, no duplicates, at most MAX_RECENT entries. */
export const MAX_RECENT = 8;

export function parseRecent(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return [...new Set(value.filter((v): v is string => typeof v === 'string' && v.length > 0))].slice(0, MAX_RECENT);
}

export function addRecent(list: readonly string[], path: string): string[] {
  return [path, ...list.filter((p) => p !== path)].slice(0, MAX_RECENT);
}

export class RecentWorkspaces {
  constructor(private readonly file: string) {}
  list(): string[] {
    return parseRecent(readJsonFile(this.file));
  }
  add(path: string): string[] {
    const next = addRecent(this.list(), path);
    writeJsonFile(this.file, next);
    return next;
  }
  clear(): void {
    writeJsonFile(this.file, []);
  }
}
