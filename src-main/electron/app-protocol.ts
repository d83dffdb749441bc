import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { encodeSamplePng } from '../core/gray-png.ts';
import { APP_HOST, APP_SCHEME } from './app-origin.ts';
import { APP_CSP } from './content-security-policy.ts';
import { CONTENT_TYPES } from '../core/content-types.ts';

/**
 * The `fer://app/` protocol: `/` and assets from the built renderer, `/img/<id>.png` from the open workspace.
 * A plain Request -> Response function (web standard types), so it runs under Node in tests and under
 * Electron's `protocol.handle` unchanged.
 */

export interface PixelSource {
  pixels(id: number): { width: number; height: number; pixels: Uint8Array } | null;
}

export interface AppProtocolOptions {
  rendererDir: string;
  /** The open workspace's samples; read on every image request because the workspace can change. */
  samples: () => PixelSource;
}

const TYPES = CONTENT_TYPES;

const BASE_HEADERS = { 'Content-Security-Policy': APP_CSP, 'X-Content-Type-Options': 'nosniff' };

function text(status: number, body: string): Response {
  return new Response(body, { status, headers: { ...BASE_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });
}

export function createAppProtocolHandler(options: AppProtocolOptions): (request: Request) => Promise<Response> {
  const root = resolve(options.rendererDir);
  return async (request) => {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return text(400, 'Bad URL.');
    }
    if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return text(404, `Unknown origin ${url.protocol}//${url.host}.`);
    if (request.method !== 'GET' && request.method !== 'HEAD') return text(405, 'Method not allowed.');
    const img = /^\/img\/(\d{1,9})\.png$/.exec(url.pathname);
    if (img) return image(options.samples(), Number(img[1]));
    if (url.pathname.startsWith('/img/')) return text(400, `Bad image path ${url.pathname}.`);
    return staticFile(root, url.pathname);
  };
}

function image(samples: PixelSource, id: number): Response {
  const image = samples.pixels(id);
  if (!image) return text(404, `No sample with id ${id}.`);
  const png = encodeSamplePng(image);
  return new Response(new Uint8Array(png), { status: 200, headers: { ...BASE_HEADERS, 'Content-Type': 'image/png', 'Cache-Control': 'private, max-age=86400' } });
}

async function staticFile(root: string, pathname: string): Promise<Response> {
  let rel: string;
  try {
    rel = decodeURIComponent(pathname);
  } catch {
    return text(400, 'Bad path.');
  }
  if (rel.includes('\0')) return text(400, 'Bad path.');
  let file = resolve(join(root, normalize(rel)));
  if (file !== root && !file.startsWith(root + sep)) return text(403, 'Outside the app folder.');
  if (!(await isFile(file))) {
    // Single-page app: paths without an extension are views of index.html; missing assets are 404s.
    if (extname(rel) !== '') return text(404, `Not found: ${pathname}`);
    file = join(root, 'index.html');
    if (!(await isFile(file))) return text(503, 'The renderer is not built: run `npm run build:renderer`.');
  }
  const body = await readFile(file);
  return new Response(new Uint8Array(body), { status: 200, headers: { ...BASE_HEADERS, 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-cache' } });
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
