import { z } from 'zod';
import { localMethod, method } from './contract.ts';
import { filePath, split } from './schemas.ts';
import type { Split } from '../../../src-common/classes.ts';
import type { UndoState } from './samples-api.ts';
import { badEntryName, type DataEntry } from '../datasets/data-folder.ts';
import type { SourceKind } from '../store/sources.ts';
import { MAX_CLASSES, MIN_CLASSES, WORKING_SIDES, type DatasetDefinition } from '../../../src-common/dataset.ts';
import { IDX_FAMILY_NAMES } from '../datasets/idx-families.ts';

export interface SkippedRow {
  line?: number;          // 1-based line in the file (the header is line 1)
  file?: string;          // for image folders
  reason: string;
}

export interface ImportReport {
  source: string;
  imported: number;       // new samples written
  alreadyPresent: boolean; // the same file was imported before: nothing written
  skipped: SkippedRow[];
  counts: Record<Split, number[]>; // per split, per class id, of the rows this import wrote
  votes?: { imported: number; skipped: SkippedRow[] };
  resized?: number;       // image folders: how many images were not at the working size and channels and were converted
  seconds: number;
  /** Near-duplicates are still being grouped in a worker (a large workspace): the review queue waits for them, the grid does not. */
  groupingDuplicates: boolean;
}

/** How an image folder's images are stored, chosen by an import into an empty workspace (one with samples keeps its own). */
const folderImportOptions = {
  side: z.number().int().refine((s) => (WORKING_SIDES as readonly number[]).includes(s), { message: `expected one of ${WORKING_SIDES.join(', ')}` }).optional(),
  mirrorable: z.boolean().optional(), // whether a mirrored image keeps its class (default true)
  channels: z.union([z.literal(1), z.literal(3)]).optional(), // 1: grayscale (default), 3: RGB; a workspace with samples refuses other channels than its own
};
/** The same options alone: what the desktop page hands its native-dialog folder import (bridge.ts FileActionArgs). */
export const folderImportOptionsInput = z.object(folderImportOptions).strict();
export type FolderImportOptions = z.input<typeof folderImportOptionsInput>;

export interface SourceInfo {
  id: number;
  kind: SourceKind;
  path: string;
  importedAt: string;
  rows: number;
}

export interface WorkspaceInfo extends UndoState {
  path: string;
  schemaVersion: number;
  samples: number;
  votes: number;
  excluded: number;
  changed: number;        // samples whose current label differs from the original
  labelVersion: number;
  counts: Record<Split, number[]>; // current labels per split, excluded rows left out
  sources: SourceInfo[];
  /** What the images are: class names, working size, split names (FER2013 unless another dataset was imported first). */
  dataset: DatasetDefinition;
}

export interface ExportReport {
  out: string;
  rows: number;
  seconds: number;
}

/** The server's data folder as a page sees it: what it may import, and where exports go. */
export interface DataFolderListing {
  available: boolean;
  reason: string | null;  // why not, when unavailable
  path: string | null;    // the folder, to say where files go (chosen by whoever started the server)
  entries: DataEntry[];
}
export type { DataEntry };

/** A plain entry name of the data folder: the contract's one check, before the core checks it again on disk. */
const entryName = z.string().superRefine((name, ctx) => {
  const bad = badEntryName(name);
  if (bad) ctx.addIssue({ code: 'custom', message: `expected ${bad}` });
});
export const EXPORT_FORMATS = ['csv', 'folders', 'diff'] as const;

export const workspaceApi = {
  info: method<WorkspaceInfo>()('Counts per split and class, sources, label version.', z.object({}).default({})),
  dataset: method<DatasetDefinition>()("The workspace's dataset: class names, working image size, split names.", z.object({}).default({})),
  importFer2013: localMethod<ImportReport>()(
    'Imports fer2013.csv(.gz), optionally with FER+ votes joined by row position.',
    z.object({ path: filePath, votesPath: filePath.optional(), strict: z.boolean().default(false) }),
  ),
  importVotes: localMethod<{ imported: number; skipped: SkippedRow[]; seconds: number }>()(
    'Imports FER+ votes (fer2013new.csv) for the FER2013 rows already in the workspace.',
    z.object({ path: filePath, strict: z.boolean().default(false) }),
  ),
  importIdx: localMethod<ImportReport>()(
    'Imports an MNIST-family folder (train-*/t10k-* IDX files) as its own dataset: train (last 10% as validation) and test; class names from a known family or given.',
    z.object({
      path: filePath,
      classes: z.union([z.enum(IDX_FAMILY_NAMES), z.array(z.string().min(1)).min(MIN_CLASSES).max(MAX_CLASSES)]).optional(),
      strict: z.boolean().default(false),
      mirrorable: z.boolean().optional(), // whether a mirrored image keeps its class; default: the family's, else false (characters)
    }),
  ),
  importFolder: localMethod<ImportReport>()(
    'Imports <root>/<split>/<class>/* or <root>/<class>/* images, or the images a CSV lists (path,label[,split], paths inside its folder); any format and size, gray or colour, converted to grayscale (or RGB with `channels` 3) at the working size (48 px unless `side` says; a workspace with samples keeps its own size and channels). Into an empty workspace, the class folders define the classes.',
    z.object({ path: filePath, split: split.optional(), strict: z.boolean().default(false), ...folderImportOptions }),
  ),
  exportCsv: localMethod<ExportReport>()(
    'Writes fer2013.csv with the current labels; excluded rows dropped or kept.',
    z.object({ out: filePath, excluded: z.enum(['drop', 'keep']).default('drop') }),
  ),
  exportFolders: localMethod<ExportReport>()(
    'Writes <split>/<class>/<row>.png with the current labels.',
    z.object({ out: filePath, includeExcluded: z.boolean().default(false) }),
  ),
  exportDiff: localMethod<ExportReport>()('Writes a CSV of changed labels: row, original, current, reason, time.', z.object({ out: filePath })),
  // What a page may do with files: entries of the server's data folder, by name only (never a path).
  dataFolder: method<DataFolderListing>()("Lists the server's data folder (`serve --data-dir`): the files and folders a page may import.", z.object({}).default({})),
  importFromDataFolder: method<ImportReport>()(
    "Imports an entry of the server's data folder by name: a fer2013.csv(.gz) (with FER+ votes from votesName) or an image folder (with importFolder's side, channels and mirrorable).",
    z.object({ name: entryName, votesName: entryName.optional(), split: split.optional(), strict: z.boolean().default(false), ...folderImportOptions }),
  ),
  exportToDataFolder: method<ExportReport>()(
    "Exports into the server's data folder under a new name (replace: an existing file, after the person confirmed).",
    z.object({ name: entryName, format: z.enum(EXPORT_FORMATS), keepExcluded: z.boolean().default(false), replace: z.boolean().default(false) }),
  ),
};
