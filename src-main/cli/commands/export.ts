import { statSync } from 'node:fs';
import { UsageError } from '../args.ts';
import type { Command } from '../command.ts';
import { checkOutputFile, checkOutputFolder } from '../paths.ts';

const FORMATS = ['csv', 'folders', 'diff'] as const;
type Format = (typeof FORMATS)[number];

export const command: Command = {
  summary: 'Export fer2013.csv(.gz) with current labels, <split>/<class>/<id>.png folders, or a labels diff.',
  usage: 'export <out> [--format csv|folders|diff] [--keep-excluded] [--force] [--json]',
  async run({ positionals, flags, json, io, api }) {
    const formatFlag = flags.string('format');
    const keepExcluded = flags.bool('keep-excluded');
    const force = flags.bool('force');
    flags.rejectUnknown();
    if (positionals.length !== 1) throw new UsageError('Give one output path, e.g. export cleaned.csv');
    const out = positionals[0]!;
    if (formatFlag !== undefined && !(FORMATS as readonly string[]).includes(formatFlag)) throw new UsageError(`Unknown format '${formatFlag}' (expected ${FORMATS.join(', ')}).`);
    const format = (formatFlag as Format | undefined) ?? formatOf(out);
    if (format === 'diff' && keepExcluded) throw new UsageError('--keep-excluded does not apply to the labels diff.');
    if (format === 'folders' && force) throw new UsageError('--force replaces a file; a folder export needs a new or empty folder.');
    if (format === 'folders') checkOutputFolder(out);
    else checkOutputFile(out, force);
    const client = api();
    const r =
      format === 'csv'
        ? await client.exportCsv({ out, excluded: keepExcluded ? 'keep' : 'drop' })
        : format === 'folders'
          ? await client.exportFolders({ out, includeExcluded: keepExcluded })
          : await client.exportDiff({ out });
    io.out(json ? JSON.stringify({ format, ...r }) : `Wrote ${r.rows} ${format === 'diff' ? 'changed labels' : 'samples'} to ${r.out} (${format}) in ${r.seconds.toFixed(1)} s.`);
    return 0;
  },
};

/** .csv / .csv.gz -> csv; an existing folder or a name without an extension -> folders. */
function formatOf(out: string): Format {
  if (/\.csv(\.gz)?$/i.test(out)) return 'csv';
  try {
    if (statSync(out).isDirectory()) return 'folders';
  } catch {
    /* a new path */
  }
  if (!/\.[a-z0-9]+$/i.test(out.split(/[\\/]/).pop() ?? '')) return 'folders';
  throw new UsageError(`Cannot tell the format from '${out}': use .csv/.csv.gz, a folder, or --format csv|folders|diff.`);
}
