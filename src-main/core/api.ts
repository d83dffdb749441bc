/**
 * The StudioApi: every call between a door (Electron IPC, HTTP, CLI, tests) and the core.
 * This module is the one source of truth: each door validates inputs with these schemas and
 * types its client with these result types.
 */
import type { Client, Handlers, RemoteDefs } from './api/contract.ts';
import { duplicatesApi } from './api/duplicates-api.ts';
import { ensembleApi } from './api/ensemble-api.ts';
import { modelApi } from './api/model-api.ts';
import { noiseApi } from './api/noise-api.ts';
import { samplesApi } from './api/samples-api.ts';
import { trainApi } from './api/train-api.ts';
import { workspaceApi } from './api/workspace-api.ts';

export const studioApi = { ...workspaceApi, ...samplesApi, ...trainApi, ...noiseApi, ...modelApi, ...duplicatesApi, ...ensembleApi };
export type StudioApiDefs = typeof studioApi;
export type MethodName = keyof StudioApiDefs;
export const METHOD_NAMES = Object.keys(studioApi) as MethodName[];

/** What the core implements. */
export type StudioHandlers = Handlers<StudioApiDefs>;
/** What in-process callers (CLI, tests, Electron's menu) may call: every method. */
export type StudioClient = Client<StudioApiDefs>;
/** What a page may call through the HTTP or IPC door: the methods of reach 'any' (no file paths). */
export type RemoteClient = Client<RemoteDefs<StudioApiDefs>>;

export type { Caller, Door } from './api/contract.ts';

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(studioApi, name);
}

export type { ApiError, Reach } from './api/contract.ts';
export { StudioError } from './api/contract.ts';
export type * from './api/events.ts';
export type * from './api/workspace-api.ts';
export type * from './api/samples-api.ts';
export type * from './api/train-api.ts';
export type * from './api/noise-api.ts';
export type * from './api/model-api.ts';
export type * from './api/duplicates-api.ts';
export type { IssueKind } from '../../src-common/issue-kinds.ts';
