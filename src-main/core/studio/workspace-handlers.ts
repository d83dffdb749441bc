import type { Handlers } from '../api/contract.ts';
import { basename } from 'node:path';
import { StudioError } from '../api/contract.ts';
import type { DataFolderListing, ExportReport, ImportReport, WorkspaceInfo } from '../api/workspace-api.ts';
import { workspaceApi, type EXPORT_FORMATS } from '../api/workspace-api.ts';
import { IMAGE_SIDE, SPLITS, type Split } from '../../../src-common/classes.ts';
import type { ImageChannels } from '../../../src-common/dataset.ts';
import { idxDefinition, readIdxFolder, writeIdx } from '../datasets/import-idx.ts';
import { DatasetError } from '../datasets/dataset-error.ts';
import { exportFer2013Csv } from '../datasets/export-csv.ts';
import { exportLabelDiff } from '../datasets/export-diff.ts';
import { exportFolders } from '../datasets/export-folders.ts';
import { fileFingerprint } from '../datasets/fingerprint.ts';
import { writeFer2013 } from '../datasets/import-fer2013.ts';
import { folderDefinition, folderFingerprint, writeFolder } from '../datasets/import-folder.ts';
import { withImportTransaction } from '../datasets/import-transaction.ts';
import { writeVotes } from '../datasets/import-votes.ts';
import { listImageFolder } from '../datasets/image-folder-reader.ts';
import { listImageCsv } from '../datasets/image-list-reader.ts';
import { stat } from 'node:fs/promises';
import { checkInputFile } from '../datasets/line-reader.ts';
import { emptySplitCounts } from '../datasets/split-counts.ts';
import { schemaVersion } from '../store/database.ts';
import { SourceStore } from '../store/sources.ts';
import type { DataFolder } from '../datasets/data-folder.ts';
import type { StudioContext } from './context.ts';
import { undoState } from './label-steps.ts';
import type { Caller } from '../api.ts';
import { withJobEvents } from './in-process-job.ts';

type ExportFormat = (typeof EXPORT_FORMATS)[number];

const since = (t0: number) => Math.round((performance.now() - t0) / 10) / 100;

/** Import, export and the workspace summary. Every import is one transaction; every export is atomic; each reports progress as a job. */
export function workspaceHandlers(ctx: StudioContext): Handlers<typeof workspaceApi> {
  const ws = ctx.workspace;
  const changed = () => ctx.events.emit({ type: 'labels', labelVersion: ws.labels.labelVersion() });
  // After each import: a small workspace groups at once (a wait is expected there), a large one in a worker.
  const groupDuplicates = () => ctx.grouping.settle();

  const importCsv = (path: string, votesPath: string | undefined, strict: boolean) =>
    withJobEvents(ctx.events, 'import', `reading ${basename(path)}`, async (progress): Promise<ImportReport> => {
      const t0 = performance.now();
      await checkInputFile(path);
      if (votesPath) await checkInputFile(votesPath);
      const fingerprint = await fileFingerprint(path);
      const onRows = (rows: number, fraction: number) => progress(fraction * 0.9, `reading ${basename(path)}: ${rows.toLocaleString('en-US')} rows`);
      const report = await withImportTransaction(ws, async (db): Promise<ImportReport> => {
        const existing = new SourceStore(db).byFingerprint(fingerprint);
        const base = { source: path, skipped: [], imported: 0, counts: emptySplitCounts(), alreadyPresent: true, seconds: 0, groupingDuplicates: false };
        if (existing && existing.kind !== 'fer2013-csv') throw new DatasetError(`${path} was already imported as ${existing.kind} (source ${existing.id}).`);
        const written = existing ? { ...base, sourceId: existing.id } : { ...(await writeFer2013(db, path, fingerprint, { strict, onRows })), alreadyPresent: false };
        if (votesPath) progress(0.9, `joining FER+ votes from ${basename(votesPath)}`);
        const votes = votesPath ? await writeVotes(db, votesPath, written.sourceId, { strict }) : undefined;
        return { source: path, imported: written.imported, alreadyPresent: written.alreadyPresent, skipped: written.skipped, counts: written.counts, ...(votes ? { votes } : {}), seconds: 0, groupingDuplicates: false };
      });
      groupDuplicates();
      report.seconds = since(t0);
      report.groupingDuplicates = ctx.grouping.busy;
      changed();
      return report;
    });

  const importImages = (path: string, split: Split | undefined, strict: boolean, side?: number, mirrorable?: boolean, channels?: ImageChannels) =>
    withJobEvents(ctx.events, 'import', `listing ${basename(path)}`, async (progress): Promise<ImportReport> => {
      const t0 = performance.now();
      // A workspace with samples keeps its classes, size and channels (an import asking for others is refused by
      // DatasetStore.define); an empty one takes the folder's (48 px grayscale unless asked).
      const held = ws.samples.count() > 0 ? ws.dataset : null;
      const listing = (await isFile(path)) ? await listImageCsv(path, split, held?.classes) : await listImageFolder(path, split, held?.classes);
      const definition = held && side === undefined && channels === undefined ? held : folderDefinition(path, listing, side ?? held?.side ?? IMAGE_SIDE, mirrorable ?? held?.mirrorable, channels ?? held?.channels);
      const fingerprint = await folderFingerprint(listing);
      const onImage = (done: number, total: number) => progress(done / total, `decoding ${basename(path)}: ${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} images`);
      const report = await withImportTransaction(ws, async (db): Promise<ImportReport> => {
        if (new SourceStore(db).byFingerprint(fingerprint))
          return { source: path, imported: 0, alreadyPresent: true, skipped: [], counts: emptySplitCounts(listing.classes.length), resized: 0, seconds: 0, groupingDuplicates: false };
        const r = await writeFolder(db, path, listing, fingerprint, definition, { strict, onImage, ...(split ? { split } : {}) });
        return { source: path, imported: r.imported, alreadyPresent: false, skipped: r.skipped, counts: r.counts, resized: r.resized, seconds: 0, groupingDuplicates: false };
      });
      groupDuplicates();
      report.seconds = since(t0);
      report.groupingDuplicates = ctx.grouping.busy;
      changed();
      return report;
    });

  const exportAs = (format: ExportFormat, out: string, keepExcluded: boolean) =>
    withJobEvents(ctx.events, 'export', `writing ${basename(out)}`, async (progress): Promise<ExportReport> => {
      const t0 = performance.now();
      const total = Math.max(1, ws.samples.count() - (keepExcluded ? 0 : ws.samples.excludedCount()));
      const onRows = (rows: number) => progress(rows / total, `writing ${basename(out)}: ${rows.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} samples`);
      const { rows } =
        format === 'csv'
          ? await exportFer2013Csv(ws, out, { keepExcluded, onRows })
          : format === 'folders'
            ? await exportFolders(ws, out, { includeExcluded: keepExcluded, onRows })
            : await exportLabelDiff(ws, out);
      return { out, rows, seconds: since(t0) };
    });

  /** The data folder a page may use, or why there is none. */
  const folder = (): DataFolder => {
    const f = ctx.dataFolder();
    if (!f) throw new StudioError('conflict', NO_DATA_FOLDER);
    return f;
  };
  // The workspace's own files (the database, its WAL, runs and jobs folders) are never an export target.
  const isWorkspaceFile = (path: string) => path === ws.path || path.startsWith(`${ws.path}-`) || path.startsWith(`${ws.path}.`);

  return {
    info: (_input, caller) => info(ctx, caller),
    importFer2013: ({ path, votesPath, strict }) => importCsv(path, votesPath, strict),

    importVotes: ({ path, strict }) =>
      withJobEvents(ctx.events, 'import', `joining FER+ votes from ${basename(path)}`, async () => {
        const t0 = performance.now();
        await checkInputFile(path);
        const r = await withImportTransaction(ws, async (db) => {
          const source = new SourceStore(db).latestFer2013();
          if (!source) throw new DatasetError('No FER2013 csv in this workspace yet: import fer2013.csv first (FER+ votes join to its rows by position).');
          return writeVotes(db, path, source.id, { strict });
        });
        return { ...r, seconds: since(t0) };
      }),

    importFolder: ({ path, split, strict, side, mirrorable, channels }) => importImages(path, split, strict, side, mirrorable, channels),

    importIdx: ({ path, classes, strict, mirrorable }) =>
      withJobEvents(ctx.events, 'import', `reading ${basename(path)}`, async (progress): Promise<ImportReport> => {
        const t0 = performance.now();
        const data = await readIdxFolder(path);
        const family = typeof classes === 'string' ? { family: classes } : classes ? { names: classes } : {};
        const definition = idxDefinition(data, family, mirrorable);
        const report = await withImportTransaction(ws, async (db): Promise<ImportReport> => {
          if (new SourceStore(db).byFingerprint(data.fingerprint)) return { source: path, imported: 0, alreadyPresent: true, skipped: [], counts: emptySplitCounts(definition.classes.length), seconds: 0, groupingDuplicates: false };
          const r = writeIdx(db, path, data, definition, { strict, onRows: (done, total) => progress(done / total, `writing ${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} images`) });
          return { source: path, imported: r.imported, alreadyPresent: false, skipped: r.skipped, counts: r.counts, seconds: 0, groupingDuplicates: false };
        });
        groupDuplicates();
        report.seconds = since(t0);
        report.groupingDuplicates = ctx.grouping.busy;
        changed();
        return report;
      }),
    dataset: () => ctx.workspace.dataset,
    exportCsv: ({ out, excluded }) => exportAs('csv', out, excluded === 'keep'),
    exportFolders: ({ out, includeExcluded }) => exportAs('folders', out, includeExcluded),
    exportDiff: ({ out }) => exportAs('diff', out, false),

    dataFolder: async (): Promise<DataFolderListing> => {
      const f = ctx.dataFolder();
      if (!f) return { available: false, reason: NO_DATA_FOLDER, path: null, entries: [] };
      return { available: true, reason: null, path: f.dir, entries: await f.list() };
    },

    importFromDataFolder: async ({ name, votesName, split, strict, side, mirrorable, channels }) => {
      const entry = await folder().existing(name);
      if (entry.kind === 'folder') {
        if (votesName) throw new StudioError('bad-input', 'FER+ votes join a FER2013 csv, not an image folder.');
        return importImages(entry.path, split, strict, side, mirrorable, channels);
      }
      if (split) throw new StudioError('bad-input', 'A split is chosen for an image folder; a FER2013 csv names its own (Usage column).');
      if (side !== undefined || mirrorable !== undefined || channels !== undefined)
        throw new StudioError('bad-input', 'A working size, channels and mirroring are chosen for an image folder; a FER2013 csv is 48x48 grayscale faces.');
      const votes = votesName ? await folder().existing(votesName) : undefined;
      if (votes?.kind === 'folder') throw new StudioError('bad-input', `'${votesName}' is a folder; FER+ votes are a csv file (fer2013new.csv).`);
      return importCsv(entry.path, votes?.path, strict);
    },

    exportToDataFolder: async ({ name, format, keepExcluded, replace }) => {
      if (format === 'folders' && replace) throw new StudioError('bad-input', 'A folder export needs a new name; only a file is replaced.');
      const out = await folder().target(name, { replace, protect: isWorkspaceFile });
      return exportAs(format, out, keepExcluded);
    },
  };
}

const isFile = async (path: string) => (await stat(path).catch(() => null))?.isFile() ?? false;

const NO_DATA_FOLDER = 'This door has no data folder: start the server with `fer-studio serve --data-dir DIR` to import and export from the page (the desktop app uses the File menu).';

function info(ctx: StudioContext, caller: Caller): WorkspaceInfo {
  const { db, labels, path, samples, votes } = ctx.workspace;
  const dataset = ctx.workspace.dataset;
  const counts = emptySplitCounts(dataset.classes.length);
  const totals = { samples: 0, excluded: 0, changed: 0 };
  for (const r of samples.countsBySplitAndLabel()) {
    if (SPLITS.includes(r.split) && r.label < dataset.classes.length) counts[r.split][r.label] = r.n;
    totals.samples += r.n + r.excluded;
    totals.excluded += r.excluded;
    totals.changed += r.changed;
  }
  return {
    path,
    schemaVersion: schemaVersion(db),
    ...totals,
    votes: votes.count(),
    labelVersion: labels.labelVersion(),
    ...undoState(labels, caller, dataset.classes),
    dataset,
    counts,
    sources: new SourceStore(db).list().map((s) => ({ id: s.id, kind: s.kind, path: s.path, importedAt: s.importedAt, rows: s.rowCount })),
  };
}
