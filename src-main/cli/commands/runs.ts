import type { Command } from '../command.ts';
import { formatSeconds } from '../follow-job.ts';

export const command: Command = {
  summary: 'List training runs, newest first.',
  usage: 'runs [--json]',
  async run({ api, flags, json, io }) {
    flags.rejectUnknown();
    const runs = await api().listRuns({});
    if (json) {
      io.out(JSON.stringify(runs));
      return 0;
    }
    if (runs.length === 0) {
      io.out('No runs yet: `fer-studio train` starts one.');
      return 0;
    }
    const pct = (x: number | null) => (x === null ? '-' : `${(x * 100).toFixed(2)}%`);
    io.out(['id', 'status', 'model', 'engine', 'epochs', 'val', 'test', 'val FER+', 'test FER+', 'labels v', 'time', 'created'].join('\t'));
    for (const r of runs)
      io.out([r.id, r.status, r.kind === 'ensemble' ? `${r.model} (fold ensemble)` : r.model, r.engine, r.epochs, pct(r.valAccuracy), pct(r.testAccuracy), pct(r.valAccuracyFerPlus), pct(r.testAccuracyFerPlus), r.labelVersion, r.durationSeconds === null ? '-' : formatSeconds(r.durationSeconds), r.createdAt].join('\t') + (r.error ? `\t${r.error}` : ''));
    return 0;
  },
};
