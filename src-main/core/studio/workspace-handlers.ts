import type { Handlers } from '../api/contract.ts';
import type { ImportReport, WorkspaceInfo } from '../api/workspace-api.ts';
import { workspaceApi } from '../api/workspace-api.ts';
import { NUM_CLASSES, SPLITS } from '../classes.ts';
import { DatasetError } from '../datasets/dataset-error.ts';
import { exportFer2013Csv } from '../datasets/export-csv.ts';
import { exportLabelDiff } from '../datasets/export-diff.ts';
import { exportFolders } from '../datasets/export-folders.ts';
import { fileFingerprint } from '../datasets/fingerprint.ts';
import { writeFer2013 } from '../datasets/import-fer2013.ts';
import { folderFingerprint, writeFolder } from '../datasets/import-folder.ts';
import { withImportTransaction } from '../datasets/import-transaction.ts';
import { writeVotes } from '../datasets/import-votes.ts';
import { listImageFolder } from '../datasets/image-folder-reader.ts';
import { checkInputFile } from '../datasets/line-reader.ts';
import { emptySplitCounts } from '../datasets/split-counts.ts';
import { schemaVersion } from '../store/database.ts';
import { DuplicateStore } from '../store/duplicates.ts';
import { SourceStore } from '../store/sources.ts';
import type { StudioContext } from './context.ts';

const since = (t0: number) => Math.round((performance.now() - t0) / 10) / 100;

/** Import, export and the workspace summary. Every import is one transaction; every export is atomic. */
export function workspaceHandlers(ctx: StudioContext): Handlers<typeof workspaceApi> {
  const ws = ctx.workspace;
  const changed = () => ctx.events.emit({ type: 'labels', labelVersion: ws.labels.labelVersion() });
  // at import, where a wait is expected, not at the first look at a sample or the review queue
  const groupDuplicates = () => new DuplicateStore(ws.db).refresh();

  return {
    info: () => info(ctx),

    importFer2013: async ({ path, votesPath, strict }) => {
      const t0 = performance.now();
      await checkInputFile(path);
      if (votesPath) await checkInputFile(votesPath);
      const fingerprint = await fileFingerprint(path);
      const report = await withImportTransaction(ws, async (db): Promise<ImportReport> => {
        const existing = new SourceStore(db).byFingerprint(fingerprint);
        const base = { source: path, skipped: [], imported: 0, counts: emptySplitCounts(), alreadyPresent: true, seconds: 0 };
        if (existing && existing.kind !== 'fer2013-csv') throw new DatasetError(`${path} was already imported as ${existing.kind} (source ${existing.id}).`);
        const written = existing ? { ...base, sourceId: existing.id } : { ...(await writeFer2013(db, path, fingerprint, { strict })), alreadyPresent: false };
        const votes = votesPath ? await writeVotes(db, votesPath, written.sourceId, { strict }) : undefined;
        return { source: path, imported: written.imported, alreadyPresent: written.alreadyPresent, skipped: written.skipped, counts: written.counts, ...(votes ? { votes } : {}), seconds: 0 };
      });
      groupDuplicates();
      report.seconds = since(t0);
      changed();
      return report;
    },

    importVotes: async ({ path, strict }) => {
      const t0 = performance.now();
      await checkInputFile(path);
      const r = await withImportTransaction(ws, async (db) => {
        const source = new SourceStore(db).latestFer2013();
        if (!source) throw new DatasetError('No FER2013 csv in this workspace yet: import fer2013.csv first (FER+ votes join to its rows by position).');
        return writeVotes(db, path, source.id, { strict });
      });
      return { ...r, seconds: since(t0) };
    },

    importFolder: async ({ path, split, strict }) => {
      const t0 = performance.now();
      const listing = await listImageFolder(path, split);
      const fingerprint = await folderFingerprint(listing);
      const report = await withImportTransaction(ws, async (db): Promise<ImportReport> => {
        if (new SourceStore(db).byFingerprint(fingerprint))
          return { source: path, imported: 0, alreadyPresent: true, skipped: [], counts: emptySplitCounts(), resized: 0, seconds: 0 };
        const r = await writeFolder(db, path, listing, fingerprint, { strict, ...(split ? { split } : {}) });
        return { source: path, imported: r.imported, alreadyPresent: false, skipped: r.skipped, counts: r.counts, resized: r.resized, seconds: 0 };
      });
      groupDuplicates();
      report.seconds = since(t0);
      changed();
      return report;
    },

    exportCsv: async ({ out, excluded }) => {
      const t0 = performance.now();
      const { rows } = await exportFer2013Csv(ws, out, { keepExcluded: excluded === 'keep' });
      return { out, rows, seconds: since(t0) };
    },

    exportFolders: async ({ out, includeExcluded }) => {
      const t0 = performance.now();
      const { rows } = await exportFolders(ws, out, { includeExcluded });
      return { out, rows, seconds: since(t0) };
    },

    exportDiff: async ({ out }) => {
      const t0 = performance.now();
      const { rows } = await exportLabelDiff(ws, out);
      return { out, rows, seconds: since(t0) };
    },
  };
}

function info(ctx: StudioContext): WorkspaceInfo {
  const { db, labels, path, samples, votes } = ctx.workspace;
  const counts = emptySplitCounts();
  for (const r of samples.countsBySplitAndLabel()) if (SPLITS.includes(r.split) && r.label < NUM_CLASSES) counts[r.split][r.label] = r.n;
  return {
    path,
    schemaVersion: schemaVersion(db),
    ...samples.totals(),
    votes: votes.count(),
    labelVersion: labels.labelVersion(),
    canUndo: labels.canUndo(),
    canRedo: labels.canRedo(),
    counts,
    sources: new SourceStore(db).list().map((s) => ({ id: s.id, kind: s.kind, path: s.path, importedAt: s.importedAt, rows: s.rowCount })),
  };
}
