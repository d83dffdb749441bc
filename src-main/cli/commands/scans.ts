import type { Command } from '../command.ts';
import { formatSeconds } from '../follow-job.ts';

export const command: Command = {
  summary: 'List label-noise scans, newest first (the newest finished one feeds the review queue).',
  usage: 'scans [--json]',
  async run({ api, flags, json, io }) {
    flags.rejectUnknown();
    const scans = await api().listScans({});
    if (json) {
      io.out(JSON.stringify(scans));
      return 0;
    }
    if (scans.length === 0) {
      io.out('No scans yet: `fer-studio scan` starts one.');
      return 0;
    }
    io.out(['id', 'status', 'model', 'folds', 'epochs', 'split', 'engine', 'scored', 'issues', 'flags', 'time', 'created'].join('\t'));
    for (const s of scans) {
      const folds = s.mode === 'quick' ? 'quick' : s.folds;
      const split = s.limit ? `${s.split} (${s.limit})` : s.split;
      const time = s.durationSeconds === null ? '-' : formatSeconds(s.durationSeconds);
      const status = s.roundsSaved ? `${s.status} (${s.roundsSaved}/${s.folds} folds kept: scan --resume ${s.id})` : s.status;
      io.out([s.id, status, s.model, folds, s.epochs, split, s.engine, s.scored, s.issues, s.flags, time, s.createdAt].join('\t') + (s.error ? `\t${s.error}` : ''));
    }
    return 0;
  },
};
