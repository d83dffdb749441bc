import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SampleStore } from '../core/store/samples.ts';
import { encodeSamplePng } from '../core/gray-png.ts';
import { sendText } from './respond.ts';

/**
 * GET /img/<id>.png: the sample's pixels as a grayscale (or RGB) PNG. Pixels never change (labels live elsewhere),
 * so the browser may keep them; the ETag (a hash of the pixels) makes a revalidation a 304.
 */
export function handleImage(samples: SampleStore, idText: string, req: IncomingMessage, res: ServerResponse): void {
  const id = Number(idText);
  if (!/^\d{1,9}$/.test(idText) || !Number.isSafeInteger(id)) return sendText(res, 400, `Bad sample id '${idText}'.`);
  const image = samples.pixels(id);
  if (!image) return sendText(res, 404, `No sample with id ${id}.`);
  const etag = `"${createHash('sha1').update(image.pixels).digest('base64url').slice(0, 16)}-${image.width}x${image.height}"`;
  const headers = { ETag: etag, 'Cache-Control': 'private, max-age=86400' };
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  const png = encodeSamplePng(image);
  res.writeHead(200, { ...headers, 'Content-Type': 'image/png', 'Content-Length': png.length });
  res.end(req.method === 'HEAD' ? undefined : png);
}
