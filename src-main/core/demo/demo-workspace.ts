import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ImportReport, WorkspaceInfo } from '../api/workspace-api.ts';

/**
 * The demo workspace: what the app opens when no workspace is given. A small FER2013 sample with FER+ votes
 * ships in resources/demo/; the first open imports it through the StudioApi (the same path a person's
 * import takes), later opens find the samples already there.
 */
export const DEMO_CSV = 'fer2013-demo.csv.gz';
export const DEMO_VOTES = 'fer2013new-demo.csv';
export const DEMO_WORKSPACE_FILE = 'demo-workspace.db';

export function demoWorkspacePath(userDataDir: string): string {
  return join(userDataDir, DEMO_WORKSPACE_FILE);
}

/** The two demo files, checked to exist so a broken install says which file is missing. */
export function demoFiles(demoDir: string): { path: string; votesPath: string } {
  const path = join(demoDir, DEMO_CSV);
  const votesPath = join(demoDir, DEMO_VOTES);
  for (const f of [path, votesPath]) if (!existsSync(f)) throw new Error(`The demo data is missing: ${f} does not exist (it ships in resources/demo/).`);
  return { path, votesPath };
}

export interface StudioCaller {
  call(method: string, input: unknown): Promise<unknown>;
}

/** Imports the demo files when the workspace holds no samples yet; returns the import report, or null when there was nothing to do. */
export async function ensureDemoImported(studio: StudioCaller, demoDir: string): Promise<ImportReport | null> {
  const info = (await studio.call('info', {})) as WorkspaceInfo;
  if (info.samples > 0) return null;
  return (await studio.call('importFer2013', demoFiles(demoDir))) as ImportReport;
}

/**
 * Opens `<userData>/demo-workspace.db` with `open` (a Studio constructor, or the app's StudioSession),
 * importing the demo data on first use. A failed first import closes nothing and leaves an empty workspace
 * that the next start retries.
 */
export async function openDemoWorkspace<S extends StudioCaller>(
  userDataDir: string,
  demoDir: string,
  open: (path: string) => S | Promise<S>,
): Promise<{ studio: S; path: string; imported: ImportReport | null }> {
  const path = demoWorkspacePath(userDataDir);
  const studio = await open(path);
  const imported = await ensureDemoImported(studio, demoDir);
  return { studio, path, imported };
}
