/**
 * The StudioApi: every call between a door (Electron IPC, HTTP, CLI, tests) and the core.
 * This module is the one source of truth: each door validates inputs with these schemas and
 * types its client with these result types.
 */
import type { Client, Handlers } from './api/contract.ts';
import { noiseApi } from './api/noise-api.ts';
import { samplesApi } from './api/samples-api.ts';
import { trainApi } from './api/train-api.ts';
import { workspaceApi } from './api/workspace-api.ts';

export const studioApi = { ...workspaceApi, ...samplesApi, ...trainApi, ...noiseApi };
export type StudioApiDefs = typeof studioApi;
export type MethodName = keyof StudioApiDefs;
export const METHOD_NAMES = Object.keys(studioApi) as MethodName[];

/** What the core implements. */
export type StudioHandlers = Handlers<StudioApiDefs>;
/** What the UI and tests call, whichever door is underneath. */
export type StudioClient = Client<StudioApiDefs>;

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(studioApi, name);
}

export type { ApiError } from './api/contract.ts';
export { StudioError } from './api/contract.ts';
export type * from './api/events.ts';
export type * from './api/workspace-api.ts';
export type * from './api/samples-api.ts';
export type * from './api/train-api.ts';
export type * from './api/noise-api.ts';
