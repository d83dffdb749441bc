import { Workspace } from '../../core/store/workspace.ts';
import { UsageError } from '../args.ts';
import type { Command } from '../command.ts';
import { checkWorkspacePath } from '../paths.ts';

export const command: Command = {
  summary: 'Create an empty workspace (and its folder); an existing workspace is left as it is.',
  usage: 'init [FILE] [--json]',
  async run({ positionals, flags, json, io, workspacePath }) {
    flags.rejectUnknown();
    if (positionals.length > 1) throw new UsageError(`Give one workspace file, got ${positionals.length}.`);
    const given = positionals[0];
    if (given !== undefined && flags.string('workspace') !== undefined && given !== workspacePath) {
      throw new UsageError(`Two workspaces given: ${given} and --workspace ${workspacePath}.`);
    }
    const path = given ?? workspacePath;
    const created = checkWorkspacePath(path, 'file-and-folders') === 'new';
    if (created) Workspace.open(path).close();
    if (json) io.out(JSON.stringify({ path, created }));
    else io.out(created ? `Created an empty workspace ${path}. Next: fer-studio import fer2013.csv.gz --workspace ${path}` : `${path} is already a FER Studio workspace: nothing changed.`);
    return 0;
  },
};
