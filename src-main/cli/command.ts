import type { Studio } from '../core/studio/studio.ts';
import type { StudioClient } from '../core/api.ts';
import type { Flags } from './args.ts';

export interface CommandIo {
  out: (line: string) => void;    // stdout: results
  err: (line: string) => void;    // stderr: progress and errors
}

export interface CommandContext {
  positionals: string[];
  flags: Flags;
  json: boolean;                  // --json: print one JSON document on stdout
  io: CommandIo;
  /**
   * Opens the workspace (--workspace or the default) lazily: `help` and `--version` never touch SQLite.
   * A missing workspace is created only by commands that say so (createsWorkspace) or with --create.
   */
  studio: () => Studio;
  /** The typed contract over that Studio: results come typed, a misspelled method does not compile. */
  api: () => StudioClient;
  workspacePath: string;
}

/** One CLI command: a file in cli/commands/ named as the command, exporting `command`. */
export interface Command {
  summary: string;
  usage: string;                  // e.g. 'label <row> <class>'
  /** A missing workspace file (in an existing folder) is created for this command: import starts a workspace. */
  createsWorkspace?: boolean;
  /** Reads its flags, then runs. Returns the exit code (0 ok). Throw UsageError for bad arguments. */
  run(ctx: CommandContext): Promise<number>;
}
