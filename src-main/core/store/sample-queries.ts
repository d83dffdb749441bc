/**
 * The reads behind the Dataset grid and the sample panel: the filtered sample list (with what each filter read:
 * the latest run, the latest scan, the score range, whether votes exist), and one sample's latest prediction and
 * scan score. SQL lives in the stores; the handlers only shape calls (issue 18 item 13).
 */
import { SAMPLE_BITS, type FilterBasis, type SampleDetail, type SampleFilter, type SampleList } from '../api/samples-api.ts';
import { NUM_CLASSES } from '../../../src-common/classes.ts';
import { ferplusMajority } from '../ml/noise/ferplus-truth.ts';
import type { Db } from './database.ts';
import { floatsFromBlob, latestRunId, latestScanId } from './latest.ts';
import { STATUS_SQL } from './scans.ts';
import { voteColumnsSql } from './vote-columns.ts';

export function listSamples(db: Db, f: SampleFilter): SampleList {
  const scanId = latestScanId(db);
  const runId = latestRunId(db);
  const where: string[] = [];
  const params: Record<string, unknown> = { scanId, runId };
  // The joins a condition reads: a count of a large workspace joins only those.
  const needs = new Set<keyof typeof JOINS>();
  const add = (sql: string, join?: keyof typeof JOINS, key?: string, value?: unknown) => {
    where.push(sql);
    if (join) needs.add(join);
    if (key) params[key] = value;
  };
  if (f.split) add('s.split = @split', undefined, 'split', f.split);
  if (f.label !== undefined) add('s.label = @label', undefined, 'label', f.label);
  if (f.originalLabel !== undefined) add('s.original_label = @originalLabel', undefined, 'originalLabel', f.originalLabel);
  if (f.changed !== undefined) add(f.changed ? 's.label != s.original_label' : 's.label = s.original_label');
  if (f.excluded !== undefined) add(`s.excluded = ${f.excluded ? 1 : 0}`);
  if (f.flagged !== undefined) add(f.flagged ? 'fl.sample_id IS NOT NULL' : 'fl.sample_id IS NULL', 'flags');
  if (f.predicted !== undefined) add('p.predicted = @predicted', 'predictions', 'predicted', f.predicted);
  if (f.suggested !== undefined) add('fl.suggested = @suggested', 'flags', 'suggested', f.suggested);
  if (f.review !== undefined) add(`fl.sample_id IS NOT NULL AND ${STATUS_SQL} ${f.review === 'open' ? '=' : '!='} 'open'`, 'flags');
  if (f.scoreMin !== undefined) add('sc.score >= @scoreMin', 'scores', 'scoreMin', f.scoreMin);
  if (f.scoreMax !== undefined) add('sc.score <= @scoreMax', 'scores', 'scoreMax', f.scoreMax);
  const byVotes = f.ferplusDisagrees !== undefined;
  if (byVotes) add('v.sample_id IS NOT NULL', 'votes');
  const order = f.sort === 'score' ? 'sc.score IS NULL, sc.score DESC, s.id' : 's.id';
  const whereSql = where.length ? 'WHERE ' + where.join(' AND ') : '';
  // A first page is cut in SQL; the FER+ filter runs after the query, so it reads every row.
  const first = f.first !== undefined && !byVotes ? f.first : undefined;
  const columns = `s.id, s.label, s.excluded * ${SAMPLE_BITS.excluded} + s.kept * ${SAMPLE_BITS.kept}
              + (s.label != s.original_label) * ${SAMPLE_BITS.changed} + (fl.sample_id IS NOT NULL) * ${SAMPLE_BITS.flagged} AS flags
              ${byVotes ? `, ${voteColumnsSql('v')}` : ''}`;
  const otherJoins = `${needs.has('predictions') ? JOINS.predictions : ''} ${byVotes ? JOINS.votes : ''}`;
  const selected =
    first !== undefined && f.sort === 'score' && scanId !== null
      ? firstByScore(db, columns, otherJoins, where, { ...params, first })
      : (db
          .prepare(
            `SELECT ${columns}
             FROM samples s ${JOINS.flags} ${f.sort === 'score' || needs.has('scores') ? JOINS.scores : ''} ${otherJoins}
             ${whereSql}
             ORDER BY ${order} ${first !== undefined ? 'LIMIT @first' : ''}`,
          )
          .raw()
          .all(first !== undefined ? { ...params, first } : params) as number[][]);
  // The FER+ majority rule lives in one place (ferplus-truth.ts), so this filter runs after the query.
  const matched = byVotes ? selected.filter((r) => disagreesWithFerPlus(r[1]!, r.slice(3)) === f.ferplusDisagrees) : selected;
  const total = first === undefined || matched.length < first ? matched.length : countMatches(db, [...needs].map((j) => JOINS[j]).join(' '), whereSql, params);
  const rows = byVotes && f.first !== undefined ? matched.slice(0, f.first) : matched;
  const runSplits = runId === null ? [] : (db.prepare('SELECT DISTINCT s.split FROM predictions p JOIN samples s ON s.id = p.sample_id WHERE p.run_id = ? ORDER BY s.split').pluck().all(runId) as string[]);
  const basis = { runId, runSplits, scanId, scoreRange: scoreRangeOf(db, scanId), votes: db.prepare('SELECT 1 FROM votes LIMIT 1').get() !== undefined };
  const list: SampleList = { total, ids: new Array(rows.length), labels: new Array(rows.length), flags: new Array(rows.length), basis };
  rows.forEach(([id, label, flags], i) => {
    list.ids[i] = id!;
    list.labels[i] = label!;
    list.flags[i] = flags!;
  });
  return list;
}

/**
 * The first page in score order, as the whole list orders it (scored samples highest first, ties by id, then the
 * unscored by id): the scored ones walk the scan_scores_by_score index and stop at the page's end, where one ORDER BY
 * over every sample sorted them all first (bench scale).
 */
function firstByScore(db: Db, columns: string, joins: string, where: readonly string[], params: Record<string, unknown> & { first: number }): number[][] {
  const and = where.length ? `AND ${where.join(' AND ')}` : '';
  const scored = db
    .prepare(
      `SELECT ${columns} FROM scan_scores sc INDEXED BY scan_scores_by_score JOIN samples s ON s.id = sc.sample_id ${JOINS.flags} ${joins}
       WHERE sc.scan_id = @scanId ${and} ORDER BY sc.score DESC, sc.sample_id LIMIT @first`,
    )
    .raw()
    .all(params) as number[][];
  if (scored.length === params.first) return scored;
  const unscored = db
    .prepare(`SELECT ${columns} FROM samples s ${JOINS.flags} ${JOINS.scores} ${joins} WHERE sc.sample_id IS NULL ${and} ORDER BY s.id LIMIT @rest`)
    .raw()
    .all({ ...params, rest: params.first - scored.length }) as number[][];
  return scored.concat(unscored);
}

/** The left joins a sample filter may read, by the alias its conditions use. */
const JOINS = {
  flags: 'LEFT JOIN flags fl ON fl.scan_id = @scanId AND fl.sample_id = s.id',
  scores: 'LEFT JOIN scan_scores sc ON sc.scan_id = @scanId AND sc.sample_id = s.id',
  predictions: 'LEFT JOIN predictions p ON p.run_id = @runId AND p.sample_id = s.id',
  votes: 'LEFT JOIN votes v ON v.sample_id = s.id',
} as const;

function countMatches(db: Db, joins: string, whereSql: string, params: Record<string, unknown>): number {
  const used = Object.fromEntries(Object.entries(params).filter(([k]) => `${joins} ${whereSql}`.includes(`@${k}`)));
  return db.prepare(`SELECT COUNT(*) FROM samples s ${joins} ${whereSql}`).pluck().get(used) as number;
}

/** Whether the FER+ majority is one of the 7 classes and not `label`; null when the votes have no such majority. */
function disagreesWithFerPlus(label: number, votes: number[]): boolean | null {
  const majority = ferplusMajority(votes);
  return majority < 0 || majority >= NUM_CLASSES ? null : majority !== label;
}

function scoreRangeOf(db: Db, scanId: number | null): FilterBasis['scoreRange'] {
  if (scanId === null) return null;
  const r = db.prepare('SELECT MIN(score) AS min, MAX(score) AS max FROM scan_scores WHERE scan_id = ?').get(scanId) as { min: number | null; max: number | null };
  return r.min === null || r.max === null ? null : { min: r.min, max: r.max };
}

export function predictionOf(db: Db, id: number): SampleDetail['prediction'] {
  const runId = latestRunId(db);
  if (runId === null) return null;
  const r = db.prepare('SELECT predicted, probs FROM predictions WHERE run_id = ? AND sample_id = ?').get(runId, id) as { predicted: number; probs: Buffer } | undefined;
  return r ? { runId, predicted: r.predicted, probs: floatsFromBlob(r.probs) } : null;
}

export function flagOf(db: Db, id: number): SampleDetail['flag'] {
  const scanId = latestScanId(db);
  if (scanId === null) return null;
  const r = db
    .prepare(
      `SELECT sc.score, sc.suggested, sc.probs, sc.issue, fl.rank FROM scan_scores sc
       LEFT JOIN flags fl ON fl.scan_id = sc.scan_id AND fl.sample_id = sc.sample_id
       WHERE sc.scan_id = ? AND sc.sample_id = ?`,
    )
    .get(scanId, id) as { score: number; suggested: number; probs: Buffer; issue: number; rank: number | null } | undefined;
  if (!r) return null;
  return { scanId, rank: r.rank ?? -1, score: r.score, suggested: r.suggested, probs: floatsFromBlob(r.probs), issue: r.issue === 1 };
}
