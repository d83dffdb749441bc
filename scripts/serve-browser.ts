/**
 * `npm start`'s browser fallback: `fer-studio serve` on the workspace given with --workspace, or else on the
 * demo workspace (<userData>/demo-workspace.db, the one the desktop app opens), importing the demo data on
 * first use. Other arguments go to `serve` (e.g. --port 8080, --open).
 */
import { resolve } from 'node:path';
import { runCli } from '../src-main/cli/main.ts';
import { openDemoWorkspace } from '../src-main/core/demo/demo-workspace.ts';
import { userDataDir } from '../src-main/core/demo/user-data.ts';
import { Studio } from '../src-main/core/studio/studio.ts';

const DEMO_DIR = resolve(import.meta.dirname, '..', 'resources', 'demo');

async function main(argv: string[]): Promise<number> {
  const at = argv.indexOf('--workspace');
  // `npm start -- --workspace new.db` opens a new workspace, as the desktop app does (the CLI alone needs --create).
  let args = ['--create', ...argv];
  if (at < 0) {
    const demo = await openDemoWorkspace(userDataDir(), DEMO_DIR, (path) => new Studio(path));
    await demo.studio.close();
    if (demo.imported) console.error(`Demo workspace: imported ${demo.imported.imported} FER2013 samples with FER+ votes.`);
    args = ['--workspace', demo.path, ...args];
  }
  const io = { out: (l: string) => process.stdout.write(l + '\n'), err: (l: string) => process.stderr.write(l + '\n') };
  return runCli(['serve', ...args], io);
}

process.exitCode = await main(process.argv.slice(2));
