import { CLASS_NAMES, parseClass } from '../../../src-common/classes.ts';
import { UsageError } from '../args.ts';
import type { Command } from '../command.ts';

export const command: Command = {
  summary: 'Relabel one or more rows (one undo step): label 5 7 9 happy',
  usage: 'label <row>... <class> [--json]',
  async run({ api, positionals, flags, json, io }) {
    flags.rejectUnknown();
    if (positionals.length < 2) throw new UsageError('Give at least one row and a class, e.g. label 5 happy.');
    const classText = positionals[positionals.length - 1]!;
    const label = parseClass(classText);
    if (label === null) throw new UsageError(`Unknown class '${classText}' (expected ${CLASS_NAMES.join(', ')} or 0..6).`);
    const ids = positionals.slice(0, -1).map((t) => {
      if (!/^\d+$/.test(t)) throw new UsageError(`Row '${t}' is not a row number.`);
      return Number(t);
    });
    const r = await api().setLabel({ ids, label });
    io.out(json ? JSON.stringify(r) : r.changed ? `Relabelled ${r.changed} sample(s) as ${CLASS_NAMES[label]}. Label version ${r.labelVersion}.` : `Already ${CLASS_NAMES[label]}: nothing changed.`);
    return 0;
  },
};
