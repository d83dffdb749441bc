import type { Handlers } from '../api/contract.ts';
import { StudioError } from '../api/contract.ts';
import { type SampleDetail, samplesApi } from '../api/samples-api.ts';
import type { BatchResult } from '../store/label-history.ts';
import { flagOf, listSamples, predictionOf } from '../store/sample-queries.ts';
import type { StudioContext } from './context.ts';
import { editResult } from './edit-result.ts';
import { DuplicateStore } from '../store/duplicates.ts';
import { describeGroup } from '../duplicates/group-report.ts';
import { issueKinds } from '../issue-kinds.ts';


export function sampleHandlers(ctx: StudioContext): Handlers<typeof samplesApi> {
  const { db, labels, samples, votes } = ctx.workspace;

  const edited = (r: BatchResult | null) => editResult(ctx, r);
  const duplicateStore = new DuplicateStore(db);

  return {
    listSamples: (filter) => listSamples(db, filter),
    getSample: ({ id }) => {
      const row = samples.get(id);
      if (!row) throw new StudioError('not-found', `No sample with id ${id}.`);
      duplicateStore.refresh();
      const stored = duplicateStore.groupsOf([id])[0];
      const duplicates = stored ? describeGroup(stored) : null;
      const flag = flagOf(db, id);
      const kinds = issueKinds({ issue: flag?.issue ?? false, flagged: (flag?.rank ?? 0) > 0, duplicateConflict: duplicates?.labelConflict ?? false });
      return { ...row, votes: votes.of(id), history: labels.history({ sampleId: id, limit: 200 }), prediction: predictionOf(db, id), flag, duplicates, kinds } satisfies SampleDetail;
    },
    setLabel: ({ ids, label, reason }) => edited(labels.apply(ids.map((sampleId) => ({ sampleId, field: 'label', value: label })), ids.length > 1 && reason === 'manual' ? 'bulk' : reason)),
    setExcluded: ({ ids, excluded }) => edited(labels.apply(ids.map((sampleId) => ({ sampleId, field: 'excluded', value: excluded ? 1 : 0 })), ids.length > 1 ? 'bulk' : 'manual')),
    setKept: ({ ids, kept }) => edited(labels.apply(ids.map((sampleId) => ({ sampleId, field: 'kept', value: kept ? 1 : 0 })), 'review')),
    undo: () => edited(labels.undo()),
    redo: () => edited(labels.redo()),
    history: ({ id, limit }) => labels.history({ ...(id === undefined ? {} : { sampleId: id }), limit }),
  };
}
