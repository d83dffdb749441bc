// `node scripts/rebuild-native.mjs electron|node`: builds better-sqlite3 for the runtime that will load it.
// One node_modules can hold one build: `electron` (Electron's ABI, for a development run of the Electron binary)
// or `node` (plain Node: the CLI, the HTTP door, the tests). Packaging does its own Electron rebuild
// (electron-builder.yml npmRebuild). Offline, or without Electron's binary, `electron` prints one line and
// changes nothing: a rebuild that starts and cannot fetch headers would leave no build at all.
import { execSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { root } from './ensure-deps.mjs';
import { findElectronBinary } from './launch-plan.mjs';

const require = createRequire(import.meta.url);

async function headersReachable(version) {
  const url = `https://electronjs.org/headers/v${version}/node-v${version}-headers.tar.gz`;
  try {
    const r = await fetch(url, { method: 'HEAD', redirect: 'follow', signal: AbortSignal.timeout(5000) });
    return r.ok;
  } catch {
    return false;
  }
}

async function forElectron() {
  const electronDir = join(root, 'node_modules', 'electron');
  const version = require(join(electronDir, 'package.json')).version;
  if (!findElectronBinary(electronDir)) {
    console.log(`Skipping the Electron rebuild of better-sqlite3: Electron's binary is not installed (offline).`);
    return 0;
  }
  if (!(await headersReachable(version))) {
    console.log(`Skipping the Electron rebuild of better-sqlite3: Electron ${version}'s headers cannot be downloaded (offline).`);
    return 0;
  }
  const { rebuild } = await import('@electron/rebuild');
  console.log(`Rebuilding better-sqlite3 for Electron ${version}… (\`node scripts/rebuild-native.mjs node\` switches back for the CLI and tests)`);
  // An npm `nodedir` setting would make node-gyp build against the local Node instead of Electron: clear it.
  delete process.env.npm_config_nodedir;
  await rebuild({ buildPath: root, electronVersion: version, onlyModules: ['better-sqlite3'], force: true });
  return 0;
}

function forNode() {
  console.log('Rebuilding better-sqlite3 for Node…');
  execSync('npm rebuild better-sqlite3', { cwd: root, stdio: 'inherit' });
  return 0;
}

const target = process.argv[2];
if (target !== 'electron' && target !== 'node') {
  console.error('usage: node scripts/rebuild-native.mjs electron|node');
  process.exit(2);
}
process.exitCode = target === 'electron' ? await forElectron() : forNode();
