/**
 * Reads a CSV that lists images: a header `path,label` or `path,label,split`, then one image per line. Paths are
 * relative to the CSV's folder and must stay inside it (a listing never reaches files elsewhere on the disk);
 * labels are class names (or ids, when the workspace already has classes); splits as image folders name them.
 */
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, normalize, sep } from 'node:path';
import { parseClassOf, type Split } from '../../../src-common/classes.ts';
import { DatasetError } from './dataset-error.ts';
import { classNamesOf, splitOfFolder, type FolderImage, type FolderListing } from './image-folder-reader.ts';
import { checkInputFile } from './line-reader.ts';

export const IMAGE_LIST_HEADERS = ['path,label', 'path,label,split'] as const;

/** Whether `firstLine` is an image list's header (as opposed to fer2013.csv's `emotion,pixels,Usage`). */
export const isImageListHeader = (firstLine: string): boolean => (IMAGE_LIST_HEADERS as readonly string[]).includes(firstLine.trim().toLowerCase().replace(/\s+/g, ''));

/** The fields of one CSV line: commas separate, double quotes may wrap a field ("" inside is a quote). */
export function csvFields(line: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') out.push(field), (field = '');
    else field += ch;
  }
  out.push(field);
  return out;
}

/** Why a listed path may not be read, or null: it must be relative and stay inside the list's folder. */
export function badListedPath(path: string): string | null {
  if (!path) return 'an empty path';
  if (isAbsolute(path) || /^[a-z]:/i.test(path)) return 'an absolute path (paths are relative to the CSV)';
  const n = normalize(path);
  if (n === '..' || n.startsWith(`..${sep}`)) return 'a path outside the CSV\'s folder';
  return null;
}

/**
 * Lists the images of `csvPath` as an image folder listing would (same import, same rules). `classes`: the
 * workspace's class names when it holds a dataset; otherwise the labels define them (FER2013's when they all name
 * its classes, else the distinct labels sorted). Bad lines are reported with their line number.
 */
export async function listImageCsv(csvPath: string, split?: Split, classes?: readonly string[]): Promise<FolderListing> {
  await checkInputFile(csvPath);
  const lines = (await readFile(csvPath, 'utf8')).split(/\r?\n/);
  if (!isImageListHeader(lines[0] ?? '')) throw new DatasetError(`${csvPath} line 1: not an image list header (expected ${IMAGE_LIST_HEADERS.join(' or ')}).`);
  const withSplit = lines[0]!.toLowerCase().includes('split');
  if (withSplit && split) throw new DatasetError(`${csvPath} has a split column; a split option applies only to lists without one.`);
  const root = dirname(csvPath);
  const rows: Array<{ line: number; path: string; label: string; split: Split }> = [];
  const skipped: FolderListing['skipped'] = [];
  lines.slice(1).forEach((text, i) => {
    const line = i + 2;
    if (!text.trim()) return;
    const f = csvFields(text);
    const bad = (reason: string) => skipped.push({ file: `line ${line}`, reason });
    if (f.length !== (withSplit ? 3 : 2)) return bad(`expected ${withSplit ? 3 : 2} fields, got ${f.length}`);
    const pathProblem = badListedPath(f[0]!.trim());
    if (pathProblem) return bad(pathProblem);
    const s = withSplit ? splitOfFolder(f[2]!.trim()) : (split ?? 'Training');
    if (!s) return bad(`unknown split (expected train, val, test or Training, PublicTest, PrivateTest)`);
    if (!f[1]!.trim()) return bad('an empty label');
    rows.push({ line, path: f[0]!.trim(), label: f[1]!.trim(), split: s });
  });
  const names = classes ? [...classes] : classNamesOf(rows.map((r) => r.label));
  const images: FolderImage[] = [];
  for (const r of rows) {
    const label = parseClassOf(names, r.label);
    if (label === null) skipped.push({ file: `line ${r.line}`, reason: `'${r.label}' is not a class of this dataset` });
    else images.push({ ref: r.path.split(sep).join('/'), file: join(root, r.path), split: r.split, label });
  }
  if (images.length === 0) throw new DatasetError(`${csvPath}: no usable lines (${skipped.length} skipped).`, { skipped: skipped.slice(0, 100) });
  return { layout: 'csv', classes: names, images, skipped };
}
