import type { CommandIo } from '../../src-main/cli/command.ts';
import { runCli } from '../../src-main/cli/main.ts';

/** Runs the CLI in-process with a capturing io: exit code, stdout and stderr lines. */
export async function cli(...argv: string[]): Promise<{ code: number; out: string[]; err: string[]; json: () => any }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CommandIo = { out: (l) => out.push(l), err: (l) => err.push(l) };
  const code = await runCli(argv, io);
  return { code, out, err, json: () => JSON.parse(out.join('\n')) };
}
