import Database from 'better-sqlite3';
import { z } from 'zod';
import { isMethodName, studioApi, type Caller, type StudioHandlers } from '../api.ts';
import { StudioError, type ApiError } from '../api/contract.ts';
import { StaleStepError, UnknownSampleError } from '../store/label-history.ts';
import { BUSY_TIMEOUT_MS, WorkspaceVersionError } from '../store/database.ts';

/**
 * The one entry every door uses: look up the method, validate the raw input against the contract's
 * schema, call the handler. Doors never call handlers directly, so no input reaches the core unchecked.
 * A page's door ('http', 'ipc') gets only the methods of reach 'any'.
 */
export async function dispatch(handlers: StudioHandlers, method: string, rawInput: unknown, caller: Caller = { door: 'local' }): Promise<unknown> {
  const { door } = caller;
  if (!isMethodName(method)) throw new StudioError('not-found', `Unknown method '${method}'.`);
  if (door !== 'local' && studioApi[method].reach === 'local') {
    throw new StudioError('not-found', `'${method}' is not offered by the ${door === 'http' ? 'HTTP' : 'desktop window'} door: it reads or writes files by path. Use the CLI (fer-studio) or the desktop app's File menu.`);
  }
  const parsed = studioApi[method].input.safeParse(rawInput ?? {});
  if (!parsed.success) throw new StudioError('bad-input', `Invalid input for ${method}: ${formatIssues(parsed.error)}`, parsed.error.issues);
  const handler = handlers[method] as (input: unknown, caller: Caller) => unknown;
  return await handler(parsed.data, caller);
}

export function formatIssues(error: z.ZodError): string {
  return error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
}

/** Maps any thrown value to the error shape doors send; unexpected errors keep their message (never swallowed). */
export function toApiError(e: unknown): ApiError {
  if (e instanceof StudioError) return { code: e.code, message: e.message, ...(e.details === undefined ? {} : { details: e.details }) };
  if (e instanceof UnknownSampleError) return { code: 'not-found', message: e.message };
  if (e instanceof StaleStepError) return { code: 'conflict', message: e.message };
  if (e instanceof WorkspaceVersionError) return { code: 'conflict', message: e.message };
  if (e instanceof RangeError) return { code: 'bad-input', message: e.message };
  if (e instanceof Database.SqliteError && e.code.startsWith('SQLITE_BUSY')) {
    return { code: 'busy', message: `The workspace is busy: another process (an import?) kept it locked for over ${BUSY_TIMEOUT_MS / 1000} s. Try again when it is done.` };
  }
  return { code: 'internal', message: e instanceof Error ? e.message : String(e) };
}

export function httpStatusOf(error: ApiError): number {
  return { 'bad-input': 400, 'not-found': 404, conflict: 409, busy: 409, internal: 500 }[error.code];
}
