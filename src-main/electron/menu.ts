import type { MenuItemConstructorOptions } from 'electron';
import { basename } from 'node:path';

/** What the menu can ask the app to do; main.ts implements these with native dialogs. */
export interface MenuActions {
  openWorkspace(): void;
  newWorkspace(): void;
  openRecent(path: string): void;
  clearRecent(): void;
  openDemo(): void;
  importFer2013(): void;
  importFolder(): void;
  exportCsv(): void;
  exportFolders(): void;
  exportDiff(): void;
  about(): void;
}

/** The application menu as a plain template (pure, so tests check it without Electron). */
export function buildMenuTemplate(actions: MenuActions, recent: readonly string[], platform: NodeJS.Platform): MenuItemConstructorOptions[] {
  const isMac = platform === 'darwin';
  const recentItems: MenuItemConstructorOptions[] = recent.length
    ? [
        ...recent.map((path, i): MenuItemConstructorOptions => ({ label: `${i + 1}. ${basename(path)}`, toolTip: path, click: () => actions.openRecent(path) })),
        { type: 'separator' },
        { label: 'Clear Recent', click: () => actions.clearRecent() },
      ]
    : [{ label: 'No recent workspaces', enabled: false }];
  const about: MenuItemConstructorOptions = { label: 'About FER Studio', click: () => actions.about() };

  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      { label: 'Open Workspace…', accelerator: 'CmdOrCtrl+O', click: () => actions.openWorkspace() },
      { label: 'New Workspace…', accelerator: 'CmdOrCtrl+N', click: () => actions.newWorkspace() },
      { label: 'Open Recent', submenu: recentItems },
      { label: 'Open Demo Workspace', click: () => actions.openDemo() },
      { type: 'separator' },
      {
        label: 'Import',
        submenu: [
          { label: 'FER2013 CSV (with FER+ votes)…', accelerator: 'CmdOrCtrl+I', click: () => actions.importFer2013() },
          { label: 'Image Folder…', click: () => actions.importFolder() },
        ],
      },
      {
        label: 'Export',
        submenu: [
          { label: 'FER2013 CSV with Current Labels…', accelerator: 'CmdOrCtrl+E', click: () => actions.exportCsv() },
          { label: 'Image Folders…', click: () => actions.exportFolders() },
          { label: 'Changed Labels (diff CSV)…', click: () => actions.exportDiff() },
        ],
      },
      { type: 'separator' },
      isMac ? { role: 'close' } : { role: 'quit' },
    ],
  };
  const edit: MenuItemConstructorOptions = { role: 'editMenu' };
  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [{ role: 'reload' }, { role: 'toggleDevTools' }, { type: 'separator' }, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }],
  };
  const help: MenuItemConstructorOptions = { role: 'help', submenu: isMac ? [] : [about] };
  const appMenu: MenuItemConstructorOptions[] = isMac
    ? [{ label: 'FER Studio', submenu: [about, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, { role: 'quit' }] }]
    : [];
  return [...appMenu, file, edit, view, { role: 'windowMenu' }, help];
}
