import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const REPO_ROOT = resolve(import.meta.dirname, '../..');
export const BUILD_COMMAND = 'npm run build:renderer';

/**
 * `serve` needs the built renderer. When it is missing and vite is installed, build it now (about 10 s);
 * otherwise say exactly what to run.
 */
export function ensureRendererBuilt(rendererDir: string, say: (line: string) => void): void {
  if (existsSync(join(rendererDir, 'index.html'))) return;
  const vite = join(REPO_ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  if (!existsSync(vite)) throw new Error(`The renderer is not built (${rendererDir}/index.html is missing) and vite is not installed: run \`npm install\` then \`${BUILD_COMMAND}\`.`);
  say(`Building the renderer (${BUILD_COMMAND})…`);
  const r = spawnSync(process.execPath, [vite, 'build', '--config', 'src-renderer/vite.config.ts', '--logLevel', 'warn'], { cwd: REPO_ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0 || !existsSync(join(rendererDir, 'index.html'))) throw new Error(`Building the renderer failed (exit ${r.status ?? r.signal}): run \`${BUILD_COMMAND}\` to see why.`);
}
