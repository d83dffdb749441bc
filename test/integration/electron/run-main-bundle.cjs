// Loads dist/electron/main.cjs with the fake 'electron', fires `ready`, then exercises the app the way the
// window would: an IPC call from fer://app/, one from elsewhere, the page and a sample image over fer://.
// Prints one JSON report on stdout.
const Module = require('node:module');
const { join, resolve } = require('node:path');

const fakePath = join(__dirname, 'fake-electron.cjs');
const originalResolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'electron' ? fakePath : originalResolve.call(this, request, ...rest);
};
const electron = require(fakePath);
const fake = electron.__fake;

(async () => {
  require(resolve(__dirname, '../../../dist/electron/main.cjs'));
  const beforeReady = fake.calls.map((c) => c.what);
  fake.ready();
  // main's start() imports the demo on first run: wait for the window.
  for (let i = 0; i < 600 && fake.windows.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
  const win = fake.windows[0];
  const invoke = fake.handlers.get('studio:call');
  const fromApp = await invoke({ senderFrame: { url: 'fer://app/' } }, 'info', {});
  const fromElsewhere = await invoke({ senderFrame: { url: 'https://example.com/' } }, 'info', {});
  const badInput = await invoke({ senderFrame: { url: 'fer://app/' } }, 'setLabel', { ids: [0], label: 42 });
  const edit = await invoke({ senderFrame: { url: 'fer://app/' } }, 'setLabel', { ids: [0], label: 6 });
  // A long job: the worker runs in a (fake) utilityProcess launched by worker-launcher.ts; its job events come
  // back through the job runner, the event bus and ipc.ts to the window.
  const scan = await invoke({ senderFrame: { url: 'fer://app/' } }, 'startScan', { limit: 10, folds: 2, epochs: 1, engine: 'cpu' });
  const final = (ev) => ev[0] === 'studio:event' && ev[1].type === 'job' && ['done', 'failed', 'cancelled'].includes(ev[1].job.state);
  for (let i = 0; i < 1200 && !win.webContents.sent.some(final); i++) await new Promise((r) => setTimeout(r, 50));
  const job = (win.webContents.sent.find(final) ?? [null, null])[1];
  const page = await fake.protocol.handlers.fer(new Request('fer://app/'));
  const img = await fake.protocol.handlers.fer(new Request('fer://app/img/0.png'));
  const navigate = { prevented: false, preventDefault() { this.prevented = true; } };
  win.webContents.emit('will-navigate', navigate, 'https://example.com/');
  const inApp = { prevented: false, preventDefault() { this.prevented = true; } };
  win.webContents.emit('will-navigate', inApp, 'fer://app/review');
  let permission = null;
  fake.session.permissionRequest(null, 'media', (granted) => (permission = granted));
  const report = {
    beforeReady,
    calls: fake.calls.map((c) => c.what),
    errors: fake.calls.filter((c) => c.what === 'showErrorBox').map((c) => c.detail),
    webPreferences: win.webContents && win.options.webPreferences,
    url: win.url,
    title: win.options.title,
    fromApp,
    fromElsewhere,
    badInput,
    edit,
    eventsSent: win.webContents.sent.filter((e) => e[1].type !== 'job'),
    scan,
    // The job's worker; an engine probe (`worker.cjs --probe-engines`) may run before it, in a utilityProcess too.
    fork: (fake.calls.find((c) => c.what === 'utilityProcess.fork' && !c.detail.args.includes('--probe-engines')) ?? {}).detail,
    probeForks: fake.calls.filter((c) => c.what === 'utilityProcess.fork' && c.detail.args.includes('--probe-engines')).map((c) => c.detail),
    job: job && job.job,
    page: { status: page.status, csp: page.headers.get('content-security-policy'), type: page.headers.get('content-type') },
    img: { status: img.status, type: img.headers.get('content-type'), bytes: (await img.arrayBuffer()).byteLength },
    windowOpen: win.webContents.windowOpenHandler({ url: 'https://example.com/' }),
    navigationBlocked: navigate.prevented,
    inAppNavigationAllowed: !inApp.prevented,
    permission,
    menuTop: electron.menu.map((m) => m.label ?? m.role),
  };
  process.stdout.write('\nREPORT ' + JSON.stringify(report) + '\n');
  // Quit the way the app does: before-quit closes the workspace.
  electron.app.emit('before-quit', { preventDefault() {} });
  setTimeout(() => process.exit(0), 200);
})().catch((e) => {
  process.stderr.write(String(e && e.stack ? e.stack : e));
  process.exit(1);
});
