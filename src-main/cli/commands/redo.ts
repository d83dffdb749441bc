import type { Command } from '../command.ts';
import type { EditResult } from '../../core/api.ts';

export const command: Command = {
  summary: 'Redo the last undone label action.',
  usage: 'redo [--json]',
  async run({ api, flags, json, io }) {
    flags.rejectUnknown();
    const r = await api().redo({});
    io.out(json ? JSON.stringify(r) : r.changed ? `Redid ${r.changed} change(s). Label version ${r.labelVersion}.` : 'Nothing to redo.');
    return 0;
  },
};
