import { CLASS_NAMES, FERPLUS_COLUMNS, SPLITS, type Split } from '../../../src-common/classes.ts';
import { VOTE_COLUMNS } from '../store/vote-columns.ts';
import { DatasetError, wrongHeader } from './dataset-error.ts';
import { lineText, readLines } from './line-reader.ts';

export const FERPLUS_HEADER = 'Usage,Image name,neutral,happiness,surprise,sadness,anger,disgust,fear,contempt,unknown,NF';

/** One row of fer2013new.csv; `votes` is in VOTE_COLUMNS order (FER2013 class ids, then contempt, unknown, nf). */
export type VotesItem =
  | { ok: true; line: number; row: number; split: Split; imageName: string; votes: number[] }
  | { ok: false; line: number; row: number; reason: string };

/** FER+ column i lands in votes column VOTE_INDEX[i]: FER+ orders its emotions differently from FER2013. */
const VOTE_INDEX = FERPLUS_COLUMNS.map((c) => VOTE_COLUMNS.indexOf((c.classId === null ? c.name.toLowerCase() : CLASS_NAMES[c.classId]) as (typeof VOTE_COLUMNS)[number]));
const FIELDS = 2 + FERPLUS_COLUMNS.length;

/**
 * Streams fer2013new.csv (FER+ votes). Row i belongs to fer2013.csv row i: FER+ is joined by position,
 * never by `Image name` (those names skip empty rows and repeat; see PROVENANCE.md).
 */
export async function* readFerPlusVotes(path: string): AsyncGenerator<VotesItem[]> {
  let headerSeen = false;
  let pendingEmpty: number | null = null;
  for await (const lines of readLines(path)) {
    const items: VotesItem[] = [];
    for (const l of lines) {
      const text = lineText(l);
      if (!headerSeen) {
        const header = text.replace(/^\uFEFF/, '').trim();
        if (header !== FERPLUS_HEADER) throw new DatasetError(wrongHeader(path, FERPLUS_HEADER));
        headerSeen = true;
        continue;
      }
      if (pendingEmpty !== null) {
        items.push({ ok: false, line: pendingEmpty, row: pendingEmpty - 2, reason: 'empty line' });
        pendingEmpty = null;
      }
      if (text.length === 0) {
        pendingEmpty = l.line;
        continue;
      }
      items.push(parseVotesLine(text, l.line));
    }
    if (items.length) yield items;
  }
  if (!headerSeen) throw new DatasetError(`${path} is empty (no header line).`);
}

export function parseVotesLine(text: string, line: number): VotesItem {
  const row = line - 2;
  const fields = text.split(',');
  if (fields.length !== FIELDS) return { ok: false, line, row, reason: `expected ${FIELDS} fields, got ${fields.length}` };
  const usage = fields[0]!.trim();
  if (!(SPLITS as readonly string[]).includes(usage)) return { ok: false, line, row, reason: `unknown split '${usage}' (expected ${SPLITS.join(', ')})` };
  const votes = new Array<number>(VOTE_COLUMNS.length).fill(0);
  for (let i = 0; i < FERPLUS_COLUMNS.length; i++) {
    const t = fields[i + 2]!.trim();
    if (!/^\d{1,4}$/.test(t)) return { ok: false, line, row, reason: `${FERPLUS_COLUMNS[i]!.name} count '${t}' is not a whole number` };
    votes[VOTE_INDEX[i]!] = Number(t);
  }
  return { ok: true, line, row, split: usage as Split, imageName: fields[1]!.trim(), votes };
}
