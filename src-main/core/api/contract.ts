import type { z } from 'zod';

/**
 * One method of the StudioApi: its input schema (validated at every door) and its result type.
 * The result type is carried as a phantom so that handlers, the HTTP/IPC clients and tests share it.
 */
export interface MethodDef<I extends z.ZodType, O, R extends Reach = Reach> {
  readonly input: I;
  readonly doc: string;
  /** Which doors offer the method: see Reach. */
  readonly reach: R;
  /** Largest request body a door accepts for this method (default: the door's JSON limit); uploads raise it. */
  readonly bodyBytes?: number;
  readonly _result?: O;
}

/**
 * Who may call a method. 'any': every door (the UI's calls). 'local': only code running in the core's own
 * process on the person's behalf (the CLI, Electron's menu after a native file dialog, tests). A method
 * that takes a file path is 'local', so no page (HTTP or IPC) can make the studio read or write an
 * arbitrary file.
 */
export type Reach = 'any' | 'local';

/** `method<Result>()('what it does', inputSchema)`: the curried form lets the result type be named explicitly. */
export function method<O>() {
  return <I extends z.ZodType>(doc: string, input: I): MethodDef<I, O, 'any'> => ({ input, doc, reach: 'any' });
}

/** A method only in-process callers get (see Reach): it reads or writes files by path. */
export function localMethod<O>() {
  return <I extends z.ZodType>(doc: string, input: I): MethodDef<I, O, 'local'> => ({ input, doc, reach: 'local' });
}

type AnyDefs = Record<string, MethodDef<z.ZodType, unknown>>;
/** The methods of M that every door offers (what a page may call). */
export type RemoteDefs<M extends AnyDefs> = { [K in keyof M as M[K]['reach'] extends 'any' ? K : never]: M[K] };
export type InputOf<D> = D extends MethodDef<infer I, unknown> ? z.input<I> : never;
export type ParsedInputOf<D> = D extends MethodDef<infer I, unknown> ? z.output<I> : never;
export type ResultOf<D> = D extends MethodDef<z.ZodType, infer O> ? O : never;

/** Where a call comes from: 'local' = the core's own process; 'http' and 'ipc' = a page. */
export type Door = 'local' | 'http' | 'ipc';

/**
 * Who makes a call: the door, and the tab, window or program behind it (`client`: a browser tab's id from the
 * X-Fer-Client header, 'window-N' for a desktop window, 'cli'). Each label step records it, so undo can say whose
 * step it would revert (see label-steps.ts). Handlers that do not care ignore it.
 */
export interface Caller {
  door: Door;
  client?: string;
}

/** What the core implements: every handler receives the parsed (defaulted) input, and who asks. */
export type Handlers<M extends AnyDefs> = { [K in keyof M]: (input: ParsedInputOf<M[K]>, caller: Caller) => Promise<ResultOf<M[K]>> | ResultOf<M[K]> };

/** What a door's client exposes to the UI and tests: raw input in, a promise of the result out. */
export type Client<M extends AnyDefs> = { [K in keyof M]: (input: InputOf<M[K]>) => Promise<ResultOf<M[K]>> };

/** The error shape every door returns for a failed call; the UI shows `message` to the person as is. */
export interface ApiError {
  code: 'bad-input' | 'not-found' | 'conflict' | 'busy' | 'internal';
  message: string;
  details?: unknown;
}

/** Errors the core throws on purpose; doors map them to ApiError (HTTP 4xx) instead of a 500. */
export class StudioError extends Error {
  readonly code: ApiError['code'];
  readonly details?: unknown;
  constructor(code: ApiError['code'], message: string, details?: unknown) {
    super(message);
    this.code = code;
    this.details = details;
  }
}
