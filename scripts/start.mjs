// `npm start`: on a fresh clone, installs what is missing, builds what is missing, then opens FER Studio:
// the Electron app when its binary and a display exist, else the same UI in the browser (`fer-studio serve`)
// on the demo workspace or the workspace given (`npm start -- --workspace W`). Plain JavaScript, no dependencies.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ensureNativeKernels, ensureNodeModules, ensureRendererBuilt, root, sh } from './ensure-deps.mjs';
import { decideLaunch, findElectronBinary } from './launch-plan.mjs';

function newestMtime(dir) {
  let newest = 0;
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (e.isFile() && e.name.endsWith('.ts')) newest = Math.max(newest, statSync(join(e.parentPath, e.name)).mtimeMs);
  }
  return newest;
}

/** dist/electron bundles the core too, so any change under src-main/ rebuilds it (about half a second). */
function ensureElectronBuilt() {
  const main = join(root, 'dist', 'electron', 'main.cjs');
  if (existsSync(main) && statSync(main).mtimeMs >= newestMtime(join(root, 'src-main'))) return;
  console.log('Building the Electron main process…');
  sh('npm run --silent build:electron');
}

/** better-sqlite3 must be built for Electron's ABI to load in the main process; rebuild it when it is not. */
function ensureNativeForElectron(binary) {
  const probe = spawnSync(binary, ['-e', "require('better-sqlite3')"], { cwd: root, stdio: 'ignore', env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
  if (probe.status !== 0) sh('node scripts/rebuild-native.mjs electron');
}

/** Runs a command with this terminal, forwarding Ctrl-C, and exits with its code. */
function runAttached(command, args) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit' });
  const forward = (signal) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

try {
  // FER_STUDIO_START_NO_PREPARE=1: skip the install/build checks (a CI step or a test that prepared already).
  const prepare = !process.env.FER_STUDIO_START_NO_PREPARE;
  if (prepare) {
    ensureNodeModules();
    ensureNativeKernels();
    ensureRendererBuilt();
  }
  const plan = decideLaunch({
    electronBinary: findElectronBinary(join(root, 'node_modules', 'electron')),
    platform: process.platform,
    env: process.env,
    argv: process.argv.slice(2),
  });
  if (plan.mode === 'electron') {
    if (prepare) {
      ensureElectronBuilt();
      ensureNativeForElectron(plan.binary);
    }
    runAttached(plan.binary, [root, ...plan.args]);
  } else {
    console.log(plan.message);
    runAttached(process.execPath, [join(root, 'bin', 'run-ts.js'), join(root, 'scripts', 'serve-browser.ts'), ...plan.args]);
  }
} catch (e) {
  if (e && typeof e === 'object' && 'status' in e) process.exit(e.status ?? 1);
  console.error(String(e instanceof Error ? e.message : e));
  process.exit(1);
}
