import type { IncomingMessage, ServerResponse } from 'node:http';
import { isMethodName, studioApi } from '../core/api.ts';
import { CLIENT_HEADER, type CallOutcome } from '../../src-common/bridge.ts';
import { httpStatusOf, toApiError } from '../core/studio/dispatch.ts';
import type { Studio } from '../core/studio/studio.ts';
import { BodyTooLargeError, MAX_BODY_BYTES, readJsonBody } from './body.ts';
import { sendJson } from './respond.ts';
import { CLIENT_ID } from '../core/studio/label-steps.ts';

/** The page's tab id (CLIENT_HEADER, made by each page load), so label steps say which tab made them; a malformed one is ignored. */
function clientOf(req: IncomingMessage): { client?: string } {
  const id = req.headers[CLIENT_HEADER.toLowerCase()];
  return typeof id === 'string' && CLIENT_ID.test(id) ? { client: id } : {};
}

/**
 * POST /api/<method> with the JSON input -> 200 {ok, result} or 4xx/5xx {ok: false, error}.
 * Validation happens in studio.call (the contract's schemas and each method's reach), so this door adds no rules of its own.
 */
export async function handleApiCall(studio: Studio, method: string, req: IncomingMessage, res: ServerResponse, log: (line: string) => void): Promise<void> {
  if (req.method !== 'POST') {
    res.setHeader('Allow', 'POST');
    sendJson(req, res, 405, { ok: false, error: { code: 'bad-input', message: `Use POST for /api/${method}.` } } satisfies CallOutcome);
    return;
  }
  try {
    // Uploads (predictUploads) declare a larger limit in the contract; every other call keeps the JSON limit.
    const input = await readJsonBody(req, (isMethodName(method) ? studioApi[method].bodyBytes : undefined) ?? MAX_BODY_BYTES);
    const result = await studio.call(method, input, { door: 'http', ...clientOf(req) });
    sendJson(req, res, 200, { ok: true, result: result ?? null } satisfies CallOutcome);
  } catch (e) {
    if (e instanceof BodyTooLargeError) {
      sendJson(req, res, 413, { ok: false, error: { code: 'bad-input', message: e.message } } satisfies CallOutcome);
      req.resume();
      return;
    }
    const error = toApiError(e);
    const status = httpStatusOf(error);
    if (status >= 500) log(`/api/${method} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    sendJson(req, res, status, { ok: false, error } satisfies CallOutcome);
  }
}
