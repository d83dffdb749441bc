import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { isImageListHeader } from '../../core/datasets/image-list-reader.ts';
import { join } from 'node:path';
import type { ImportReport, SkippedRow } from '../../core/api.ts';
import type { Split } from '../../../src-common/classes.ts';
import { checkInputFile } from '../../core/datasets/line-reader.ts';
import { UsageError } from '../args.ts';
import type { Command, CommandIo } from '../command.ts';
import { formatSplitCounts } from '../format-counts.ts';
import { channelsName, type DatasetDefinition, type ImageChannels } from '../../../src-common/dataset.ts';
import { IDX_FAMILIES, type IdxFamily } from '../../core/datasets/idx-families.ts';

const SHOW_SKIPPED = 20;

export const command: Command = {
  summary: 'Import fer2013.csv(.gz) [+ FER+ votes], an image folder (<root>/<split>/<class>/*.png) or an MNIST-family IDX folder.',
  usage: `import <file|folder> [--votes FILE] [--split S] [--side PX] [--classes ${Object.keys(IDX_FAMILIES).join('|')}|NAME,NAME,...] [--mirrorable yes|no] [--channels 1|3] [--strict] [--json]`,
  createsWorkspace: true,
  async run({ api, positionals, flags, json, io }) {
    const votes = flags.string('votes');
    const strict = flags.bool('strict');
    const split = flags.string('split');
    const classes = flags.string('classes');
    const side = flags.int('side');
    const mirrorable = yesNo(flags.string('mirrorable'));
    const channels = channelCount(flags.int('channels'));
    flags.rejectUnknown();
    if (positionals.length !== 1) throw new UsageError(positionals.length ? `Expected one file or folder, got ${positionals.length}.` : 'Which file or folder? e.g. import fer2013.csv.gz');
    const path = positionals[0]!;
    const isFolder = isDirectory(path);
    const isIdx = isFolder && IDX_TRAIN_IMAGES.some((name) => existsSync(join(path, name)));
    if (classes && !isIdx) throw new UsageError('--classes names the classes of an IDX folder (its files carry only class ids).');
    if (isIdx && (split || votes)) throw new UsageError('An IDX folder brings its own splits (train, t10k): --split and --votes do not apply.');
    if (isFolder && votes) throw new UsageError('--votes goes with a fer2013.csv import, not an image folder.');
    // Before the workspace opens: a missing dataset must not leave a new, empty workspace behind.
    if (!isFolder) await checkInputFile(path);
    const isList = !isFolder && isImageListHeader(firstLine(path));
    if (side !== undefined && !((isFolder && !isIdx) || isList)) throw new UsageError('--side sets the working size of an image folder or list import (fer2013.csv is 48 px; IDX files keep their own size).');
    if (channels !== undefined && !((isFolder && !isIdx) || isList)) throw new UsageError('--channels goes with an image folder or list import (fer2013.csv and IDX files are grayscale).');
    if (mirrorable !== undefined && !isFolder && !isList) throw new UsageError('--mirrorable goes with an image folder, list or IDX import: FER2013 faces keep their expression when mirrored.');
    if (isList && votes) throw new UsageError('--votes goes with a fer2013.csv import, not an image list.');
    if (!isFolder && !isList && split) throw new UsageError('--split is for image folders and lists; fer2013.csv carries its own Usage column.');
    const report = (
      isIdx
        ? await api().importIdx({ path, strict, ...(classes ? { classes: idxClasses(classes) } : {}), ...(mirrorable !== undefined ? { mirrorable } : {}) })
        : isFolder || isList
        ? await api().importFolder({ path, strict, ...(split ? { split: normaliseSplit(split) } : {}), ...(side !== undefined ? { side } : {}), ...(mirrorable !== undefined ? { mirrorable } : {}), ...(channels !== undefined ? { channels } : {}) })
        : await api().importFer2013({ path, strict, ...(votes ? { votesPath: votes } : {}) })
    ) as ImportReport;
    if (json) io.out(JSON.stringify(report));
    else printReport(report, await api().dataset({}), io);
    // A large workspace groups its near-duplicates in a worker; this process waits for it, else it would end with it.
    if (report.groupingDuplicates) {
      if (!json) io.err('Finding near-duplicates in a worker (the studio is usable meanwhile; here, the command waits)…');
      const d = await api().duplicates({ limit: 0 });
      if (!json) io.out(`Near-duplicates: ${d.groups.toLocaleString('en-US')} groups of ${d.samplesInGroups.toLocaleString('en-US')} images (${d.conflicting.toLocaleString('en-US')} with conflicting labels), found in ${d.seconds.toFixed(1)} s.`);
    }
    return 0;
  },
};

const IDX_TRAIN_IMAGES = ['train-images-idx3-ubyte', 'train-images-idx3-ubyte.gz'];

/** --mirrorable yes|no: whether a mirrored image keeps its class (no for digits and letters: training then never flips). */
function yesNo(text: string | undefined): boolean | undefined {
  if (text === undefined) return undefined;
  if (/^(yes|true|1)$/i.test(text)) return true;
  if (/^(no|false|0)$/i.test(text)) return false;
  throw new UsageError(`--mirrorable: expected yes or no, got '${text}'.`);
}

/** --channels 1|3: grayscale (the default) or RGB. */
function channelCount(n: number | undefined): ImageChannels | undefined {
  if (n === undefined || n === 1 || n === 3) return n;
  throw new UsageError(`--channels: expected 1 (grayscale) or 3 (RGB), got ${n}.`);
}

/** --classes: a known family (fashion-mnist, mnist) or the names in id order, comma-separated. */
function idxClasses(text: string): IdxFamily | string[] {
  if (text in IDX_FAMILIES) return text as IdxFamily;
  const names = text.split(',').map((n) => n.trim());
  if (names.length < 2 || names.some((n) => !n)) throw new UsageError(`--classes: expected ${Object.keys(IDX_FAMILIES).join(' or ')}, or at least two comma-separated names, got '${text}'.`);
  return names;
}

/** The first line of a (small or large, plain) text file, read without loading the file. */
function firstLine(path: string): string {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(256);
    const n = readSync(fd, buf, 0, buf.length, 0);
    return buf.subarray(0, n).toString('utf8').split(/\r?\n/)[0]!;
  } finally {
    closeSync(fd);
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false; // a missing path is reported by the importer, with its name
  }
}

/** Accepts the split as named in FER2013 or as a folder would be named (train, val, test), any case. */
function normaliseSplit(text: string): Split {
  const map: Record<string, Split> = { training: 'Training', train: 'Training', publictest: 'PublicTest', val: 'PublicTest', validation: 'PublicTest', privatetest: 'PrivateTest', test: 'PrivateTest' };
  const s = map[text.toLowerCase()];
  if (!s) throw new UsageError(`Unknown split '${text}' (expected Training, PublicTest, PrivateTest or train/val/test).`);
  return s;
}

function printReport(r: ImportReport, dataset: DatasetDefinition, io: CommandIo): void {
  if (r.alreadyPresent) io.out(`${r.source} was already imported: no samples written.`);
  else {
    io.out(`Imported ${r.imported} samples from ${r.source} in ${r.seconds.toFixed(1)} s.`);
    for (const line of formatSplitCounts(r.counts, dataset.classes)) io.out('  ' + line);
  }
  if (r.resized) io.out(`${r.resized} image(s) were not ${dataset.side}x${dataset.side} ${channelsName(dataset.channels)} and were converted.`);
  printSkipped('rows', r.skipped, io);
  if (r.votes) {
    io.out(`FER+ votes: ${r.votes.imported} rows written.`);
    printSkipped('vote rows', r.votes.skipped, io);
  }
}

function printSkipped(what: string, skipped: SkippedRow[], io: CommandIo): void {
  if (!skipped.length) return;
  io.out(`Skipped ${skipped.length} ${what}:`);
  for (const s of skipped.slice(0, SHOW_SKIPPED)) io.out(`  ${s.line !== undefined ? `line ${s.line}` : s.file}: ${s.reason}`);
  if (skipped.length > SHOW_SKIPPED) io.out(`  ... and ${skipped.length - SHOW_SKIPPED} more (--json lists all).`);
}
