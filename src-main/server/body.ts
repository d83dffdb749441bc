import type { IncomingMessage } from 'node:http';
import { StudioError } from '../core/api/contract.ts';

/** Largest JSON body accepted: 100,000 sample ids fit in well under 2 MiB. */
export const MAX_BODY_BYTES = 2 * 1024 * 1024;

export class BodyTooLargeError extends Error {}

/** Reads a JSON request body, stopping (and failing) as soon as it passes the limit. Empty body = {}. */
export async function readJsonBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<unknown> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) throw new BodyTooLargeError(`Request body of ${declared} bytes is over the ${limit}-byte limit.`);
  const parts: Buffer[] = [];
  let size = 0;
  for await (const part of req as AsyncIterable<Buffer>) {
    size += part.length;
    if (size > limit) throw new BodyTooLargeError(`Request body is over the ${limit}-byte limit.`);
    parts.push(part);
  }
  const text = Buffer.concat(parts).toString('utf8').trim();
  if (text === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new StudioError('bad-input', `The request body is not valid JSON: ${(e as Error).message}`);
  }
}
