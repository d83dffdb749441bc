// Builds FER Studio's native kernels (native/*.cc -> build/Release/fer_native.node) with node-gyp.
// Runs as the package's install script and from `npm test` / `npm start` when the sources are newer.
// Optional by design: a failed build prints why and exits 0, and the studio trains on plain wasm
// (`fer-studio info` says why the native engine is missing). FER_NATIVE=off skips the build.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

/** node-gyp: the one npm runs scripts with, else npm's bundled copy next to this Node, else PATH. */
function nodeGyp() {
  const candidates = [process.env.npm_config_node_gyp, join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js')];
  const script = candidates.find((p) => p && existsSync(p));
  return script ? [process.execPath, [script]] : ['node-gyp', []];
}

/** Node's own headers when they sit beside this Node (no download needed; this workplace is offline). */
function nodedirArgs() {
  if (process.env.npm_config_nodedir) return [`--nodedir=${process.env.npm_config_nodedir}`];
  const prefix = join(dirname(process.execPath), '..');
  return existsSync(join(prefix, 'include', 'node', 'node_api.h')) ? [`--nodedir=${prefix}`] : [];
}

if (process.env.FER_NATIVE === 'off') {
  console.log('fer-studio: native kernels not built (FER_NATIVE=off).');
  process.exit(0);
}
const [cmd, pre] = nodeGyp();
const run = spawnSync(cmd, [...pre, 'rebuild', ...nodedirArgs()], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
if (run.status === 0) console.log('fer-studio: native kernels built (build/Release/fer_native.node).');
else {
  const why = run.error ? run.error.message : (run.stderr || run.stdout || '').trim().split('\n').slice(-8).join('\n');
  console.warn(`fer-studio: the native kernels did not build; training will use the wasm engine.\n${why}`);
}
