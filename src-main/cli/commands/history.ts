import { UsageError } from '../args.ts';
import { datasetClasses } from '../dataset-classes.ts';
import type { Command } from '../command.ts';

export const command: Command = {
  summary: 'List label events, newest first, for the workspace or one row.',
  usage: 'history [row] [--limit N] [--json]',
  async run({ api, positionals, flags, json, io }) {
    const limit = flags.int('limit');
    flags.rejectUnknown();
    if (positionals.length > 1) throw new UsageError('Give at most one row.');
    const rowText = positionals[0];
    if (rowText !== undefined && !/^\d+$/.test(rowText)) throw new UsageError(`Row '${rowText}' is not a row number.`);
    if (limit !== undefined && limit < 1) throw new UsageError('--limit must be at least 1.');
    const events = await api().history({ ...(rowText ? { id: Number(rowText) } : {}), ...(limit ? { limit } : {}) });
    if (json) {
      io.out(JSON.stringify(events));
      return 0;
    }
    if (!events.length) {
      io.out(rowText ? `No label events for row ${rowText}.` : 'No label events yet.');
      return 0;
    }
    const classNames = await datasetClasses(api);
    io.out(`${'event'.padStart(6)} ${'batch'.padStart(6)} ${'row'.padStart(6)}  ${'field'.padEnd(8)} ${'change'.padEnd(20)} ${'reason'.padEnd(20)} time`);
    for (const e of events) {
      const value = (v: number) => (e.field === 'label' ? classNames[v] ?? String(v) : String(v));
      const change = `${value(e.from)} -> ${value(e.to)}`;
      io.out(`${String(e.id).padStart(6)} ${String(e.batchId).padStart(6)} ${String(e.sampleId).padStart(6)}  ${e.field.padEnd(8)} ${change.padEnd(20)} ${(e.reason + (e.undone ? ' (undone)' : '')).padEnd(20)} ${e.createdAt}`);
    }
    return 0;
  },
};
