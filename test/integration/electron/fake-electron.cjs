// A stand-in for the 'electron' module, so the bundled main process (dist/electron/main.cjs) runs under plain
// Node in tests: it records what main.ts asks of Electron and lets the test drive IPC and the fer:// protocol.
const { EventEmitter } = require('node:events');
const { fork } = require('node:child_process');

const calls = [];
const record = (what, detail) => calls.push({ what, ...(detail === undefined ? {} : { detail }) });
const paths = new Map();
let readyResolve;
const ready = new Promise((r) => (readyResolve = r));

class FakeWebContents extends EventEmitter {
  constructor() {
    super();
    this.sent = [];
    this.windowOpenHandler = null;
    this.session = fakeSession;
  }
  setWindowOpenHandler(h) { this.windowOpenHandler = h; }
  send(channel, payload) { this.sent.push([channel, payload]); }
  isDestroyed() { return false; }
  reload() { record('reload'); }
}

const fakeSession = {
  setPermissionRequestHandler: (h) => { fakeSession.permissionRequest = h; },
  setPermissionCheckHandler: (h) => { fakeSession.permissionCheck = h; },
  setDevicePermissionHandler: (h) => { fakeSession.devicePermission = h; },
};

const windows = [];
class BrowserWindow extends EventEmitter {
  constructor(options) {
    super();
    this.options = options;
    this.webContents = new FakeWebContents();
    windows.push(this);
    app.emit('web-contents-created', {}, this.webContents);
  }
  loadURL(url) { this.url = url; record('loadURL', url); return Promise.resolve(); }
  maximize() {}
  show() {}
  setTitle(t) { this.title = t; }
  isMinimized() { return false; }
  focus() {}
  getNormalBounds() { return { x: 0, y: 0, width: 1280, height: 820 }; }
  isMaximized() { return false; }
}

const app = Object.assign(new EventEmitter(), {
  isPackaged: false,
  requestSingleInstanceLock: () => { record('requestSingleInstanceLock'); return true; },
  whenReady: () => ready,
  setPath: (name, p) => { record('setPath', [name, p]); paths.set(name, p); },
  getPath: (name) => paths.get(name) ?? `/nonexistent/${name}`,
  getVersion: () => '0.1.0',
  quit: () => record('quit'),
  exit: (code) => record('exit', code),
});

const handlers = new Map();
const ipcMain = {
  handle: (channel, listener) => { record('ipcMain.handle', channel); handlers.set(channel, listener); },
  removeHandler: (channel) => handlers.delete(channel),
  on: (channel) => record('ipcMain.on', channel),
};

const protocol = {
  registerSchemesAsPrivileged: (schemes) => record('registerSchemesAsPrivileged', schemes),
  handle: (scheme, handler) => { record('protocol.handle', scheme); protocol.handlers[scheme] = handler; },
  handlers: {},
};

module.exports = {
  app,
  BrowserWindow,
  ipcMain,
  protocol,
  session: { defaultSession: fakeSession },
  screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
  Menu: { buildFromTemplate: (t) => t, setApplicationMenu: (m) => { record('setApplicationMenu'); module.exports.menu = m; } },
  dialog: {
    showErrorBox: (title, text) => record('showErrorBox', `${title}: ${text}`),
    showMessageBox: async (...a) => record('showMessageBox', a.at(-1)),
    showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
    showSaveDialog: async () => ({ canceled: true }),
  },
  // Electron's UtilityProcess surface (postMessage, 'message', 'exit', kill, stderr) over a Node child process.
  utilityProcess: {
    fork: (modulePath, args, options) => {
      record('utilityProcess.fork', { modulePath, args, options });
      const child = fork(modulePath, args, { execArgv: options.execArgv, stdio: ['ignore', 'ignore', 'pipe', 'ipc'], serialization: 'advanced' });
      const up = new EventEmitter();
      child.on('message', (m) => up.emit('message', m));
      child.on('exit', (code) => up.emit('exit', code ?? 0));
      up.postMessage = (m) => child.send(m);
      up.kill = () => child.kill();
      up.stderr = child.stderr;
      up.pid = child.pid;
      return up;
    },
  },
  shell: {},
  // Test controls
  __fake: { calls, windows, handlers, protocol, session: fakeSession, ready: () => readyResolve() },
};
