import type { Command } from '../command.ts';
import { datasetClasses } from '../dataset-classes.ts';

export const command: Command = {
  summary: "Show a scan's estimated noise: how many labels of each class are really another, and the open flags per pair.",
  usage: 'noise-matrix [--scan ID] [--json]',
  async run({ api, flags, json, io }) {
    const scanId = flags.int('scan');
    flags.rejectUnknown();
    const o = await api().scanOverview(scanId === undefined ? {} : { scanId });
    if (json) {
      io.out(JSON.stringify(o));
      return 0;
    }
    const wrong = o.estimatedWrong;
    io.out(`Scan ${o.scanId}: confident learning estimates ${wrong} of ${o.scored} labels are wrong (${((100 * wrong) / Math.max(o.scored, 1)).toFixed(1)}%); issue set ${o.issues}.`);
    io.out('Estimated labels (rows: given, columns: really):');
    const cell = (v: string | number) => String(v).padStart(9);
    const names = await datasetClasses(api);
    io.out(' '.repeat(10) + names.map(cell).join(''));
    o.estimatedErrors.forEach((row, t) => io.out(names[t]!.padEnd(10) + row.map(cell).join('')));
    const open = o.flagPairs.filter((p) => p.open > 0).sort((a, b) => b.open - a.open);
    if (open.length) {
      io.out('Open flags by given -> suggested label (review one pair: Review view, Error matrix):');
      for (const p of open) io.out(`  ${names[p.given]} -> ${names[p.suggested]}: ${p.open} open of ${p.total}`);
    }
    return 0;
  },
};
