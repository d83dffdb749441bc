import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ExportReport, FolderImportOptions, ImportReport } from '../core/api/workspace-api.ts';
import { toApiError } from '../core/studio/dispatch.ts';
import type { FileAction, FileActionArgs } from '../../src-common/bridge.ts';
import type { MenuActions } from './menu.ts';

/**
 * The menu's actions: native file dialogs, then the same StudioApi calls the page makes. Electron's
 * dialog module is injected (a narrow interface), so this file never loads Electron and can be tested.
 */

type FileFilter = { name: string; extensions: string[] };
export interface DialogLike {
  showOpenDialog(options: { title: string; properties: Array<'openFile' | 'openDirectory'>; filters?: FileFilter[] }): Promise<{ canceled: boolean; filePaths: string[] }>;
  showSaveDialog(options: { title: string; defaultPath?: string; filters?: FileFilter[] }): Promise<{ canceled: boolean; filePath?: string }>;
  showMessageBox(options: { type: 'info' | 'error'; title: string; message: string; detail?: string }): Promise<unknown>;
}

export interface ActionDeps {
  dialog: DialogLike;
  call(method: string, input: unknown): Promise<unknown>;
  /** Opens a workspace file (creating it when new), records it in Recent, reloads the page. */
  openWorkspace(path: string): Promise<void>;
  openDemo(): Promise<void>;
  clearRecent(): void;
  /** The page re-reads everything (after an import the grid and counts change). */
  reloadPage(): void;
  about(): Promise<void>;
}

const DB_FILTER = [{ name: 'FER Studio workspace', extensions: ['db'] }];
const CSV_FILTER = [{ name: 'FER2013 CSV', extensions: ['csv', 'gz'] }];

/** FER+ votes are found beside the CSV under their usual name; the import then joins them by row. */
export function votesBeside(csvPath: string): string | undefined {
  const votes = join(dirname(csvPath), 'fer2013new.csv');
  return existsSync(votes) ? votes : undefined;
}

/** The menu's actions; the File ones also serve the page's Import / export dialog, which awaits them (see bindFileActions). */
export type AppActions = Omit<MenuActions, FileAction> & { [A in FileAction]: (...args: FileActionArgs<A>) => Promise<void> };

export function createMenuActions(deps: ActionDeps): AppActions {
  const { dialog } = deps;
  const fail = (title: string) => async (e: unknown) => void (await dialog.showMessageBox({ type: 'error', title, message: title, detail: toApiError(e).message }));
  const run = (title: string, work: () => Promise<void>) => () => work().catch(fail(title));

  const pickFile = async (title: string, filters?: FileFilter[]) => {
    const r = await dialog.showOpenDialog({ title, properties: ['openFile'], ...(filters ? { filters } : {}) });
    return r.canceled ? null : (r.filePaths[0] ?? null);
  };
  const pickFolder = async (title: string) => {
    const r = await dialog.showOpenDialog({ title, properties: ['openDirectory'] });
    return r.canceled ? null : (r.filePaths[0] ?? null);
  };
  const pickSave = async (title: string, defaultPath: string, filters?: FileFilter[]) => {
    const r = await dialog.showSaveDialog({ title, defaultPath, ...(filters ? { filters } : {}) });
    return r.canceled || !r.filePath ? null : r.filePath;
  };
  const imported = async (report: ImportReport) => {
    deps.reloadPage();
    const detail = report.alreadyPresent
      ? 'This file was imported before: nothing new was written.'
      : `${report.imported} samples imported${report.votes ? `, ${report.votes.imported} FER+ vote rows` : ''}; ${report.skipped.length} rows skipped (${report.seconds.toFixed(1)} s).`;
    await dialog.showMessageBox({ type: 'info', title: 'Import finished', message: `Imported ${report.source}`, detail });
  };
  const exported = (report: ExportReport) =>
    dialog.showMessageBox({ type: 'info', title: 'Export finished', message: `Wrote ${report.out}`, detail: `${report.rows} rows in ${report.seconds.toFixed(1)} s.` });

  return {
    openWorkspace: run('Could not open the workspace', async () => {
      const path = await pickFile('Open workspace', DB_FILTER);
      if (path) await deps.openWorkspace(path);
    }),
    newWorkspace: run('Could not create the workspace', async () => {
      const path = await pickSave('New workspace', 'workspace.db', DB_FILTER);
      if (path) await deps.openWorkspace(path);
    }),
    openRecent: (path) => void run('Could not open the workspace', () => deps.openWorkspace(path))(),
    clearRecent: () => deps.clearRecent(),
    openDemo: run('Could not open the demo workspace', () => deps.openDemo()),
    importFer2013: run('Import failed', async () => {
      const path = await pickFile('Import fer2013.csv or fer2013.csv.gz', CSV_FILTER);
      if (!path) return;
      const votesPath = votesBeside(path);
      await imported((await deps.call('importFer2013', { path, ...(votesPath ? { votesPath } : {}) })) as ImportReport);
    }),
    // The menu imports at the defaults; the page's Import / export dialog passes the options it asked for.
    importFolder: (options?: FolderImportOptions) =>
      run('Import failed', async () => {
        const path = await pickFolder('Import an image folder (<split>/<class>/* or <class>/*)');
        if (path) await imported((await deps.call('importFolder', { path, ...options })) as ImportReport);
      })(),
    exportCsv: run('Export failed', async () => {
      const out = await pickSave('Export FER2013 CSV with the current labels', 'fer2013-cleaned.csv', [{ name: 'CSV', extensions: ['csv'] }]);
      if (out) await exported((await deps.call('exportCsv', { out })) as ExportReport);
    }),
    exportFolders: run('Export failed', async () => {
      const out = await pickFolder('Export image folders into');
      if (out) await exported((await deps.call('exportFolders', { out })) as ExportReport);
    }),
    exportDiff: run('Export failed', async () => {
      const out = await pickSave('Export the changed labels', 'label-changes.csv', [{ name: 'CSV', extensions: ['csv'] }]);
      if (out) await exported((await deps.call('exportDiff', { out })) as ExportReport);
    }),
    about: run('About', () => deps.about()),
  };
}
