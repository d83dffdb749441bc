/**
 * `npm run bench -- <name> [options]`: each benchmark is a file bench/<name>.ts exporting
 * `run(argv: string[]): Promise<void>`, printing a human table and, with --json, one JSON line.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../src-main/cli/args.ts';

const here = dirname(fileURLToPath(import.meta.url));
const names = readdirSync(here).filter((f) => f.endsWith('.ts') && f !== 'main.ts' && !f.startsWith('_')).map((f) => f.slice(0, -3));
const [name, ...rest] = process.argv.slice(2);
if (!name || !names.includes(name)) {
  console.error(`usage: npm run bench -- <${names.join('|')}> [options]`);
  process.exit(2);
}
const mod = (await import(join(here, `${name}.ts`))) as { run(argv: string[]): Promise<void> };
try {
  await mod.run(rest);
} catch (e) {
  // A bad option or input says so in one line; anything else keeps its stack.
  if (!(e instanceof UsageError)) throw e;
  console.error(`bench ${name}: ${e.message}`);
  process.exit(2);
}
