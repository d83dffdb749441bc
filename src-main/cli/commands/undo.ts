import type { Command } from '../command.ts';
import type { EditResult } from '../../core/api.ts';

export const command: Command = {
  summary: 'Undo the last label action.',
  usage: 'undo [--json]',
  async run({ api, flags, json, io }) {
    flags.rejectUnknown();
    const r = await api().undo({});
    io.out(json ? JSON.stringify(r) : r.changed ? `Undid ${r.changed} change(s). Label version ${r.labelVersion}.` : 'Nothing to undo.');
    return 0;
  },
};
