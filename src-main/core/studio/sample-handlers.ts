import type { Handlers } from '../api/contract.ts';
import { StudioError } from '../api/contract.ts';
import { type SampleDetail, samplesApi } from '../api/samples-api.ts';
import type { BatchResult } from '../store/label-history.ts';
import { flagOf, listSamples, predictionOf } from '../store/sample-queries.ts';
import type { StudioContext } from './context.ts';
import { editResult } from './edit-result.ts';
import { actorOf, undoState } from './label-steps.ts';
import type { Caller } from '../api.ts';
import { DuplicateStore } from '../store/duplicates.ts';
import { describeGroup } from '../duplicates/group-report.ts';
import { disagreeingNeighbourLabel, issueKinds } from '../../../src-common/issue-kinds.ts';
import { NeighbourStore } from '../store/scan-neighbours.ts';
import { lookAlikes } from './look-alikes.ts';
import { checkClassIds } from './class-ids.ts';

const CLASS_FILTERS = ['label', 'originalLabel', 'predicted', 'suggested'] as const;


export function sampleHandlers(ctx: StudioContext): Handlers<typeof samplesApi> {
  const { db, labels, samples, votes } = ctx.workspace;

  const edited = (r: BatchResult | null, caller: Caller) => editResult(ctx, r, caller);
  const duplicateStore = new DuplicateStore(db);

  const neighbourStore = new NeighbourStore(db);
  /** The sample's look-alikes from its flag's scan, else the latest scan that found any; with their current labels. */
  const neighboursOf = (id: number, flagScan: number | null): SampleDetail['neighbours'] => {
    const scanId = flagScan ?? neighbourStore.latestScan();
    const items = scanId === null ? [] : lookAlikes(neighbourStore, samples, scanId, id);
    return scanId === null || items.length === 0 ? null : { scanId, items };
  };

  return {
    listSamples: (filter) => {
      checkClassIds(ctx.workspace.dataset, filter, CLASS_FILTERS);
      return listSamples(db, filter);
    },
    getSample: ({ id }) => {
      const row = samples.get(id);
      if (!row) throw new StudioError('not-found', `No sample with id ${id}.`);
      ctx.grouping.settle(); // the groups as stored while a large grouping runs: a sample panel never waits for it
      const stored = duplicateStore.groupsOf([id])[0];
      const duplicates = stored ? describeGroup(stored) : null;
      const flag = flagOf(db, id);
      const neighbours = neighboursOf(id, flag?.scanId ?? null);
      const neighboursDisagree = neighbours !== null && disagreeingNeighbourLabel(row.label, neighbours.items.map((n) => n.label)) !== null;
      const kinds = issueKinds({ issue: flag?.issue ?? false, flagged: (flag?.rank ?? 0) > 0, duplicateConflict: duplicates?.labelConflict ?? false, neighboursDisagree });
      return { ...row, votes: votes.of(id), history: labels.history({ sampleId: id, limit: 200 }), prediction: predictionOf(db, id), flag, duplicates, kinds, neighbours } satisfies SampleDetail;
    },
    setLabel: ({ ids, label, reason }, caller) => {
      checkClassIds(ctx.workspace.dataset, { label }, ['label']);
      return edited(labels.apply(ids.map((sampleId) => ({ sampleId, field: 'label', value: label })), ids.length > 1 && reason === 'manual' ? 'bulk' : reason, { actor: actorOf(caller) }), caller);
    },
    setExcluded: ({ ids, excluded }, caller) =>
      edited(labels.apply(ids.map((sampleId) => ({ sampleId, field: 'excluded', value: excluded ? 1 : 0 })), ids.length > 1 ? 'bulk' : 'manual', { actor: actorOf(caller) }), caller),
    setKept: ({ ids, kept }, caller) => edited(labels.apply(ids.map((sampleId) => ({ sampleId, field: 'kept', value: kept ? 1 : 0 })), 'review', { actor: actorOf(caller) }), caller),
    undo: ({ expect }, caller) => edited(labels.undo({ actor: actorOf(caller), ...(expect === undefined ? {} : { expect }) }), caller),
    redo: ({ expect }, caller) => edited(labels.redo({ actor: actorOf(caller), ...(expect === undefined ? {} : { expect }) }), caller),
    undoState: (_input, caller) => undoState(labels, caller, ctx.workspace.dataset.classes),
    history: ({ id, limit }) => labels.history({ ...(id === undefined ? {} : { sampleId: id }), limit }),
  };
}
