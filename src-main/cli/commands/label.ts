import { UsageError } from '../args.ts';
import type { Command } from '../command.ts';
import { classArg, datasetClasses } from '../dataset-classes.ts';

export const command: Command = {
  summary: 'Relabel one or more rows (one undo step): label 5 7 9 happy',
  usage: 'label <row>... <class> [--json]',
  async run({ api, positionals, flags, json, io }) {
    flags.rejectUnknown();
    if (positionals.length < 2) throw new UsageError('Give at least one row and a class, e.g. label 5 happy.');
    const classText = positionals[positionals.length - 1]!;
    const classes = await datasetClasses(api);
    const label = classArg(classes, classText, 'class');
    const ids = positionals.slice(0, -1).map((t) => {
      if (!/^\d+$/.test(t)) throw new UsageError(`Row '${t}' is not a row number.`);
      return Number(t);
    });
    const r = await api().setLabel({ ids, label });
    io.out(json ? JSON.stringify(r) : r.changed ? `Relabelled ${r.changed} sample(s) as ${classes[label]}. Label version ${r.labelVersion}.` : `Already ${classes[label]}: nothing changed.`);
    return 0;
  },
};
