/**
 * The Electron main process: one window on fer://app/, the StudioApi over IPC, native menu and dialogs.
 * Bundled by scripts/build-electron.mjs to dist/electron/main.cjs (package.json "main").
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, screen, session, utilityProcess } from 'electron';
import { join, resolve } from 'node:path';
import type { EngineReport } from '../core/api/train-api.ts';
import { demoWorkspacePath, openDemoWorkspace } from '../core/demo/demo-workspace.ts';
import { userDataDir } from '../core/demo/user-data.ts';
import { toApiError } from '../core/studio/dispatch.ts';
import { engineStatusLine, formatAbout } from './about.ts';
import { APP_INDEX_URL, APP_SCHEME } from './app-origin.ts';
import { createAppProtocolHandler } from './app-protocol.ts';
import { bindFileActions, bindStudioIpc, forwardStudioEvents } from './ipc.ts';
import { workspaceFromArgv } from './launch-args.ts';
import { buildMenuTemplate } from './menu.ts';
import { createMenuActions } from './menu-actions.ts';
import { RecentWorkspaces } from './recent-workspaces.ts';
import { denyAllPermissions, hardenWebContents, secureWebPreferences } from './security.ts';
import { StudioSession } from './studio-session.ts';
import { loadWindowState, saveWindowState } from './window-state.ts';
import { utilityWorkerLauncher } from './worker-launcher.ts';

// dist/electron/main.cjs -> the app root (the repo in development, app.asar when packaged).
const APP_ROOT = join(__dirname, '..', '..');
const RENDERER_DIR = join(APP_ROOT, 'dist', 'renderer');
const DEMO_DIR = join(APP_ROOT, 'resources', 'demo');

// Before `ready`: the scheme must be standard + secure to get an origin, fetch and a CSP like https.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }]);
// The desktop app and the CLI / browser fallback share one folder of workspaces.
app.setPath('userData', userDataDir());

const studio = new StudioSession({ launchWorker: utilityWorkerLauncher(utilityProcess) });
const recent = new RecentWorkspaces(join(app.getPath('userData'), 'recent-workspaces.json'));
const windowStateFile = join(app.getPath('userData'), 'window-state.json');
let mainWindow: BrowserWindow | null = null;

function argvOf(argv: readonly string[]): string[] {
  return argv.slice(app.isPackaged ? 1 : 2);
}

function windowTitle(): string {
  const path = studio.path;
  if (!path) return 'FER Studio';
  return path === demoWorkspacePath(app.getPath('userData')) ? 'FER Studio: demo workspace' : `FER Studio: ${path}`;
}

async function openWorkspace(path: string): Promise<void> {
  await studio.open(path);
  if (path !== demoWorkspacePath(app.getPath('userData'))) recent.add(path);
  refreshMenu();
  mainWindow?.setTitle(windowTitle());
  mainWindow?.webContents.reload();
}

async function openDemo(): Promise<void> {
  const demo = await openDemoWorkspace(app.getPath('userData'), DEMO_DIR, (p) => studio.open(p));
  refreshMenu();
  mainWindow?.setTitle(windowTitle());
  mainWindow?.webContents.reload();
  if (demo.imported) console.log(`Demo workspace: imported ${demo.imported.imported} samples into ${demo.path}`);
}

async function engines(): Promise<EngineReport | { error: string }> {
  try {
    return (await studio.call('engines', {})) as EngineReport;
  } catch (e) {
    return { error: toApiError(e).message };
  }
}

async function showAbout(): Promise<void> {
  const detail = formatAbout({ appVersion: app.getVersion(), versions: process.versions, workspacePath: studio.path, engines: await engines() });
  await dialog.showMessageBox({ type: 'info', title: 'About FER Studio', message: 'FER Studio', detail });
}

const actions = createMenuActions({
  dialog: {
    showOpenDialog: (o) => (mainWindow ? dialog.showOpenDialog(mainWindow, o) : dialog.showOpenDialog(o)),
    showSaveDialog: (o) => (mainWindow ? dialog.showSaveDialog(mainWindow, o) : dialog.showSaveDialog(o)),
    showMessageBox: (o) => (mainWindow ? dialog.showMessageBox(mainWindow, o) : dialog.showMessageBox(o)),
  },
  call: (method, input) => studio.call(method, input),
  openWorkspace,
  openDemo,
  clearRecent: () => {
    recent.clear();
    refreshMenu();
  },
  reloadPage: () => mainWindow?.webContents.reload(),
  about: showAbout,
});

function refreshMenu(): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(actions, recent.list(), process.platform)));
}

function createWindow(): BrowserWindow {
  const state = loadWindowState(windowStateFile, screen.getAllDisplays().map((d) => d.workArea));
  const win = new BrowserWindow({
    ...state,
    minWidth: 640,
    minHeight: 480,
    show: false,
    title: windowTitle(),
    backgroundColor: '#1e1e1e',
    webPreferences: secureWebPreferences(join(__dirname, 'preload.cjs')),
  });
  if (state.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  win.on('close', () => saveWindowState(windowStateFile, win.getNormalBounds(), win.isMaximized()));
  const stopEvents = forwardStudioEvents((l) => studio.subscribe(l), win.webContents);
  win.on('closed', () => {
    stopEvents();
    if (mainWindow === win) mainWindow = null;
  });
  void win.loadURL(APP_INDEX_URL);
  return win;
}

async function start(): Promise<void> {
  denyAllPermissions(session.defaultSession);
  protocol.handle(APP_SCHEME, createAppProtocolHandler({ rendererDir: RENDERER_DIR, samples: () => studio.studio.workspace.samples }));
  bindStudioIpc(ipcMain, () => studio);
  bindFileActions(ipcMain, (action, folderOptions) => (action === 'importFolder' ? actions.importFolder(folderOptions) : actions[action]()));

  const arg = workspaceFromArgv(argvOf(process.argv));
  const asked = arg === null ? null : resolve(arg);
  try {
    if (asked) await openWorkspace(asked);
    else await openDemo();
  } catch (e) {
    dialog.showErrorBox('FER Studio', `Could not open ${asked ?? 'the demo workspace'}: ${toApiError(e).message}${asked ? '\nOpening the demo workspace instead.' : ''}`);
    if (!asked) throw e;
    await openDemo();
  }
  refreshMenu();
  mainWindow = createWindow();
  void engines().then((e) => console.log(engineStatusLine(e)));
}

if (!app.requestSingleInstanceLock()) {
  // Another FER Studio has the lock: it receives our argv through 'second-instance' and opens the workspace.
  app.quit();
} else {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.on('second-instance', (_event, argv, workingDirectory) => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
    const arg = workspaceFromArgv(argvOf(argv));
    const asked = arg === null ? null : resolve(workingDirectory, arg);
    if (asked) void openWorkspace(asked).catch((e: unknown) => dialog.showErrorBox('FER Studio', `Could not open ${asked}: ${toApiError(e).message}`));
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (!mainWindow) mainWindow = createWindow();
  });
  let closing = false;
  app.on('before-quit', (event) => {
    if (closing) return;
    // Jobs stop and SQLite closes cleanly before the process exits.
    closing = true;
    event.preventDefault();
    void studio.close().finally(() => app.quit());
  });
  app
    .whenReady()
    .then(start)
    .catch((e: unknown) => {
      dialog.showErrorBox('FER Studio could not start', e instanceof Error ? (e.stack ?? e.message) : String(e));
      app.exit(1);
    });
}
