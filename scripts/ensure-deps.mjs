// Shared by `npm start` and `npm test`: makes a fresh clone runnable with no other step.
// Plain JavaScript with no dependencies, because it runs before node_modules exists.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const root = new URL('..', import.meta.url).pathname;

export function sh(command, options = {}) {
  execSync(command, { cwd: root, stdio: 'inherit', ...options });
}

/** Runs `npm ci` when node_modules is missing or older than package-lock.json. */
export function ensureNodeModules() {
  const marker = join(root, 'node_modules', '.package-lock.json');
  const lock = join(root, 'package-lock.json');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  console.log('Installing dependencies (npm ci)…');
  sh('npm ci --no-audit --no-fund');
}

/** Builds the native kernels when their binary is missing or older than native/ or binding.gyp (failures only warn). */
export function ensureNativeKernels() {
  const built = join(root, 'build', 'Release', 'fer_native.node');
  const sources = Math.max(newestMtime(join(root, 'native')), statSync(join(root, 'binding.gyp')).mtimeMs);
  if (process.env.FER_NATIVE === 'off' || (existsSync(built) && statSync(built).mtimeMs >= sources)) return;
  console.log('Building the native kernels…');
  sh('node scripts/build-native.mjs');
}

/** Builds the renderer when dist/renderer is missing or older than its sources. */
export function ensureRendererBuilt() {
  const built = join(root, 'dist', 'renderer', 'index.html');
  // The renderer bundles shared files of the core too (contract types, defaults, presets, class names).
  const sources = Math.max(newestMtime(join(root, 'src-renderer')), newestMtime(join(root, 'src-main', 'core')));
  if (existsSync(built) && statSync(built).mtimeMs >= sources) return;
  console.log('Building the renderer…');
  sh('npm run --silent build:renderer');
}

function newestMtime(dir) {
  let newest = 0;
  const walk = (d) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else newest = Math.max(newest, statSync(p).mtimeMs);
    }
  };
  if (existsSync(dir)) walk(dir);
  return newest;
}

/** The browser tests drive Debian's Chromium; install it when missing and we may (CI runs as root). */
export function ensureChromium() {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (existsSync(path)) return path;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    console.log('Installing Debian chromium for the browser tests…');
    sh('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null');
    if (existsSync(path)) return path;
  }
  throw new Error(`Chromium not found at ${path}: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH.`);
}
