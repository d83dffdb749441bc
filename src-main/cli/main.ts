import { readFileSync } from 'node:fs';
import { toApiError } from '../core/studio/dispatch.ts';
import { Studio } from '../core/studio/studio.ts';
import { localClient } from '../core/studio/local-client.ts';
import { Flags, parseArgs, UsageError } from './args.ts';
import type { Command, CommandContext, CommandIo } from './command.ts';
import { COMMANDS } from './commands/index.ts';
import { defaultWorkspacePath } from './default-workspace.ts';
import { checkWorkspacePath } from './paths.ts';

const commandOf = (name: string): Command | null => (Object.hasOwn(COMMANDS, name) ? COMMANDS[name]! : null);

async function printHelp(io: CommandIo): Promise<void> {
  io.out('fer-studio: find and fix noisy labels in FER2013, retrain with one click.\n');
  io.out('Usage: fer-studio <command> [options]    (every command takes --workspace FILE, --create and --json; fer-studio --version)\n');
  for (const c of Object.values(COMMANDS)) io.out(`  ${c.usage.padEnd(58)} ${c.summary}`);
  io.out(`\nDefault workspace: ${defaultWorkspacePath()}`);
  io.out('A missing workspace is created only by init, import (in an existing folder) or with --create.');
}

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

export async function runCli(argv: readonly string[], io: CommandIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    await printHelp(io);
    return name ? 0 : 2;
  }
  if (name === '--version' || name === 'version') {
    io.out(`fer-studio ${version()}`);
    return 0;
  }
  const command = commandOf(name);
  if (!command) {
    io.err(`fer-studio: unknown command '${name}'. Run 'fer-studio help' for the list.`);
    return 2;
  }
  const parsed = parseArgs(rest);
  const flags = new Flags(parsed);
  let studio: Studio | null = null;
  try {
    const workspacePath = flags.string('workspace') ?? defaultWorkspacePath();
    const json = flags.bool('json');
    const create = flags.bool('create') ? 'file-and-folders' : command.createsWorkspace ? 'file' : 'none';
    const ctx: CommandContext = {
      positionals: parsed.positionals,
      flags,
      json,
      io,
      workspacePath,
      studio: () => {
        if (!studio) checkWorkspacePath(workspacePath, create);
        return (studio ??= new Studio(workspacePath));
      },
      api: () => localClient(ctx.studio(), 'cli'),
    };
    return await command.run(ctx);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`fer-studio ${name}: ${e.message}\nUsage: fer-studio ${command.usage}`);
      return 2;
    }
    io.err(`fer-studio ${name}: ${toApiError(e).message}`);
    return 1;
  } finally {
    await (studio as Studio | null)?.close();
  }
}

const isMain = process.argv[1] !== undefined && /fer-studio(\.js)?$|cli[\\/]main\.ts$/.test(process.argv[1]);
if (isMain) {
  const io: CommandIo = { out: (l) => process.stdout.write(l + '\n'), err: (l) => process.stderr.write(l + '\n') };
  process.exitCode = await runCli(process.argv.slice(2), io);
}
