import type { Handlers } from '../api/contract.ts';
import type { duplicatesApi } from '../api/duplicates-api.ts';
import { duplicateReport } from '../duplicates/group-report.ts';
import { DuplicateStore } from '../store/duplicates.ts';
import type { StudioContext } from './context.ts';

export function duplicateHandlers(ctx: StudioContext): Handlers<typeof duplicatesApi> {
  const store = new DuplicateStore(ctx.workspace.db);
  return {
    duplicates: async (page) => {
      await ctx.grouping.ready();
      return duplicateReport(store.groups(), store.current() ?? store.refresh(), page);
    },
  };
}
