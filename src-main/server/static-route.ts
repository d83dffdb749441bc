import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { sendText } from './respond.ts';
import { CONTENT_TYPES } from '../core/content-types.ts';

const TYPES = CONTENT_TYPES;

/** The page may load only its own scripts and talk only to this server. Svelte sets inline style attributes. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

/** Serves the built renderer; unknown paths without an extension get index.html (single-page app). */
export function handleStatic(rendererDir: string, pathname: string, req: IncomingMessage, res: ServerResponse): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Method not allowed.');
  const root = resolve(rendererDir);
  let rel: string;
  try {
    rel = decodeURIComponent(pathname);
  } catch {
    return sendText(res, 400, 'Bad path.');
  }
  let file = resolve(join(root, normalize(rel)));
  if (file !== root && !file.startsWith(root + sep)) return sendText(res, 403, 'Outside the app folder.');
  if (!existsSync(file) || statSync(file).isDirectory()) {
    if (extname(rel) !== '') return sendText(res, 404, `Not found: ${pathname}`);
    file = join(root, 'index.html');
    if (!existsSync(file)) return sendText(res, 503, 'The renderer is not built: run `npm run build:renderer`.');
  }
  const isHtml = file.endsWith('.html');
  // Vite puts a content hash in every asset name, so assets may be cached for good; the page never.
  const cache = isHtml ? 'no-cache' : rel.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
  res.writeHead(200, {
    'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
    'Content-Length': statSync(file).size,
    'Cache-Control': cache,
    'X-Content-Type-Options': 'nosniff',
    ...(isHtml ? { 'Content-Security-Policy': CONTENT_SECURITY_POLICY, 'Referrer-Policy': 'no-referrer', 'X-Frame-Options': 'DENY' } : {}),
  });
  if (req.method === 'HEAD') return void res.end();
  createReadStream(file).pipe(res);
}
