/**
 * The simulated reviewer of `bench loop`: it decides each flag by the FER+ majority, as a careful person
 * with ten annotators' votes would. It works through the contract calls the Review view makes
 * (reviewQueue, review), so the benchmark measures the studio's own loop.
 */
import type { FlagItem, StudioClient } from '../src-main/core/api.ts';
import { NUM_CLASSES } from '../src-common/classes.ts';
import { ferplusMajority } from '../src-main/core/ml/noise/ferplus-truth.ts';
import { VOTE_COLUMNS } from '../src-main/core/store/vote-columns.ts';

export type Decision = { action: 'relabel'; label: number } | { action: 'keep' } | { action: 'exclude' };

const UNKNOWN = VOTE_COLUMNS.indexOf('unknown');
const NOT_A_FACE = VOTE_COLUMNS.indexOf('nf');

/**
 * Relabel to the majority when it is one of the 7 classes and differs from the label; keep when it agrees;
 * exclude when it is 'unknown' or 'not a face'. Contempt (no FER2013 class), a tie or no votes: keep, since
 * the votes do not say what else it is.
 */
export function decide(label: number, votes: readonly number[] | null): Decision {
  if (!votes) return { action: 'keep' };
  const m = ferplusMajority(votes);
  if (m >= 0 && m < NUM_CLASSES) return m === label ? { action: 'keep' } : { action: 'relabel', label: m };
  if (m === UNKNOWN || m === NOT_A_FACE) return { action: 'exclude' };
  return { action: 'keep' };
}

export interface ReviewTally {
  relabels: number;
  keeps: number;
  excludes: number;
}

type Api = Pick<StudioClient, 'reviewQueue' | 'review'>;

/**
 * Decides the flags of `scanId` ranked in [from, to) (rank order, whatever was decided before), one review call per
 * decision kind. `decideFlag`: by the FER+ majority unless given (the injected-noise bench knows the true labels).
 */
export async function reviewRanks(api: Api, scanId: number, from: number, to: number, decideFlag: (item: FlagItem) => Decision = (item) => decide(item.label, item.votes)): Promise<ReviewTally> {
  const items: FlagItem[] = [];
  for (let offset = from; offset < to; ) {
    const page = await api.reviewQueue({ scanId, status: 'all', offset, limit: Math.min(5000, to - offset) });
    items.push(...page.items);
    if (page.items.length === 0) break;
    offset += page.items.length;
  }
  const groups = new Map<string, { decision: Decision; ids: number[] }>();
  for (const item of items) {
    const decision = decideFlag(item);
    const key = decision.action === 'relabel' ? `relabel-${decision.label}` : decision.action;
    const g = groups.get(key) ?? { decision, ids: [] };
    g.ids.push(item.sampleId);
    groups.set(key, g);
  }
  const tally: ReviewTally = { relabels: 0, keeps: 0, excludes: 0 };
  for (const { decision, ids } of groups.values()) {
    await api.review({ scanId, ids, action: decision.action, ...(decision.action === 'relabel' ? { label: decision.label } : {}) });
    if (decision.action === 'relabel') tally.relabels += ids.length;
    else if (decision.action === 'keep') tally.keeps += ids.length;
    else tally.excludes += ids.length;
  }
  return tally;
}
