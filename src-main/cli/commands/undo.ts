import type { Command } from '../command.ts';
import type { EditResult } from '../../core/api.ts';

export const command: Command = {
  summary: 'Undo the last label action.',
  usage: 'undo [--json]',
  async run({ flags, json, io, studio }) {
    flags.rejectUnknown();
    const r = (await studio().call('undo', {})) as EditResult;
    io.out(json ? JSON.stringify(r) : r.changed ? `Undid ${r.changed} change(s). Label version ${r.labelVersion}.` : 'Nothing to undo.');
    return 0;
  },
};
