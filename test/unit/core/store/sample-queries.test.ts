import { describe, expect, it } from 'vitest';
import { scanConfig } from '../../../../src-main/core/api/noise-api.ts';
import { analyzeScan } from '../../../../src-main/core/ml/noise/analyze-scan.ts';
import { listSamples } from '../../../../src-main/core/store/sample-queries.ts';
import { ScanStore } from '../../../../src-main/core/store/scans.ts';
import { Workspace } from '../../../../src-main/core/store/workspace.ts';
import { sampleFilter } from '../../../../src-main/core/api/samples-api.ts';
import { insertSyntheticSamples } from '../../../helpers/temp-workspace.ts';

/**
 * 9 samples; a scan scored 5 of them (ids 1, 3, 4, 6, 7), two pairs with equal probabilities (equal scores), so the
 * first page by score must take the scored in score order (ties by id) and then the unscored by id.
 */
function workspace(): Workspace {
  const ws = Workspace.open(':memory:');
  insertSyntheticSamples(ws, [0, 1, 0, 2, 1, 0, 2, 1, 0]);
  const scored = [1, 3, 4, 6, 7];
  const rows = [
    [0.2, 0.7, 0.1], // 1: labelled 1, sure of it
    [0.6, 0.2, 0.2], // 3: labelled 2, thinks 0
    [0.6, 0.2, 0.2], // 4: labelled 1, thinks 0
    [0.6, 0.2, 0.2], // 6: labelled 2, same as 3: a tie
    [0.2, 0.7, 0.1], // 7: labelled 1, same as 1: a tie
  ];
  const probs = Float32Array.from(rows.flatMap((r) => [...r, 0, 0, 0, 0]));
  const labels = scored.map((id) => ws.samples.get(id)!.label);
  const analysis = analyzeScan({ sampleIds: scored, labels, folds: [0, 1, 0, 1, 0], probs, classes: 7, decided: new Set(), maxFlags: 2 });
  const scans = new ScanStore(ws.db);
  const scanId = scans.create(scanConfig.parse({ folds: 2 }), { pending: true }, 0);
  scans.finish(scanId, analysis.scores, analysis.flagged, analysis.summary, 1);
  return ws;
}

describe('listSamples first N', () => {
  it('by score: the scored samples highest first (ties by id), then the unscored by id, as the whole list has them', () => {
    const ws = workspace();
    const list = (f: object) => listSamples(ws.db, sampleFilter.parse(f));
    const all = list({ sort: 'score' });
    expect(all.ids.slice(5)).toEqual([0, 2, 5, 8]); // the unscored, by id
    const scores = ws.db.prepare('SELECT sample_id, score FROM scan_scores').all() as Array<{ sample_id: number; score: number }>;
    const scoreOf = new Map(scores.map((r) => [r.sample_id, r.score]));
    expect(scoreOf.get(3)).toBe(scoreOf.get(6)); // the ties this case is about
    expect(all.ids.slice(0, 5)).toEqual([...scoreOf.keys()].sort((a, b) => scoreOf.get(b)! - scoreOf.get(a)! || a - b));
    for (const filter of [{ sort: 'score' }, { sort: 'score', label: 1 }, { sort: 'score', flagged: false }, { sort: 'score', scoreMin: 0 }, { sort: 'score', split: 'Training' }]) {
      const whole = list(filter);
      for (let first = 1; first <= 10; first++) {
        const page = list({ ...filter, first });
        expect(page.ids, JSON.stringify({ filter, first })).toEqual(whole.ids.slice(0, first));
        expect(page.flags).toEqual(whole.flags.slice(0, first));
        expect(page.total).toBe(whole.total);
      }
    }
    ws.close();
  });
});
