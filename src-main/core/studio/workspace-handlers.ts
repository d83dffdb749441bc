// PLACEHOLDER: replaced by the real workspace handlers.
import type { Handlers } from '../api/contract.ts';
import { StudioError } from '../api/contract.ts';
import { workspaceApi } from '../api/workspace-api.ts';
import type { StudioContext } from './context.ts';

export function workspaceHandlers(_ctx: StudioContext): Handlers<typeof workspaceApi> {
  const missing = (name: string) => () => {
    throw new StudioError('internal', `${name} is not built yet.`);
  };
  return Object.fromEntries(Object.keys(workspaceApi).map((k) => [k, missing(k)])) as unknown as Handlers<typeof workspaceApi>;
}
