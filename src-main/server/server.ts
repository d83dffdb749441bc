import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { Studio } from '../core/studio/studio.ts';
import { AccessError, allowedHosts, checkBindable, checkHost, checkSameOrigin, checkToken, type HostRule } from './access.ts';
import { handleApiCall } from './api-route.ts';
import { handleEvents } from './events-route.ts';
import { handleImage } from './image-route.ts';
import { sendJson, sendText } from './respond.ts';
import { handleStatic } from './static-route.ts';

export interface ServerOptions {
  studio: Studio;
  host?: string;                 // default 127.0.0.1
  port?: number;                 // 0 = any free port
  token?: string;                // required on every request when set; mandatory for non-loopback hosts
  allowHosts?: string[];         // more Host names to answer (a DNS name of this machine), beside the bound one
  rendererDir?: string;          // the built renderer (default dist/renderer of this repo)
  log?: (line: string) => void;  // server-side errors (500s); default stderr
}

export interface RunningServer {
  /** The address to open: includes ?token= when a token is set, so the page can pick it up. */
  url: string;
  origin: string;
  port: number;
  close(): Promise<void>;
}

export const DEFAULT_RENDERER_DIR = resolve(import.meta.dirname, '../../dist/renderer');

/**
 * The HTTP door: the StudioApi at /api/<method> (the methods of reach 'any': no file paths), events at
 * /api/events, images at /img/<id>.png, the app at /.
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const { studio } = options;
  const host = options.host ?? '127.0.0.1';
  const token = options.token;
  const rendererDir = options.rendererDir ?? DEFAULT_RENDERER_DIR;
  const log = options.log ?? ((line: string) => process.stderr.write(line + '\n'));
  checkBindable(host, token);

  const streams = new Set<ServerResponse>();
  let hosts: HostRule = { names: new Set(), anyIpOnPort: null }; // set once the port is known, before any request

  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://server.invalid');
    const path = url.pathname;
    // The app's own files (index.html, /assets/*) hold no data and are public: the page must load before
    // it can send the token it was given. Data (the API, events, images) needs the token and the same origin.
    const isData = path.startsWith('/api/') || path.startsWith('/img/');
    try {
      checkHost(req, hosts);
      if (isData) {
        checkToken(req, url, token);
        checkSameOrigin(req, path.startsWith('/api/') && path !== '/api/events' && req.method === 'POST');
      }
    } catch (e) {
      if (!(e instanceof AccessError)) throw e;
      req.resume();
      return url.pathname.startsWith('/api/')
        ? sendJson(req, res, e.status, { ok: false, error: { code: 'bad-input', message: e.message } })
        : sendText(res, e.status, e.message);
    }
    if (path === '/api/events') {
      if (req.method !== 'GET') return sendText(res, 405, 'Use GET for /api/events.');
      return handleEvents(studio, req, res, streams);
    }
    if (path.startsWith('/api/')) return handleApiCall(studio, path.slice(5), req, res, log);
    const img = /^\/img\/([^/]+)\.png$/.exec(path);
    if (img) return handleImage(studio.workspace.samples, img[1]!, req, res);
    return handleStatic(rendererDir, path, req, res);
  };

  const server = createServer((req, res) => {
    route(req, res).catch((e: unknown) => {
      log(`${req.method} ${req.url} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      if (!res.headersSent) sendText(res, 500, e instanceof Error ? e.message : String(e));
      else res.destroy();
    });
  });
  server.headersTimeout = 20_000;
  server.requestTimeout = 120_000;

  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', fail);
      done();
    });
  });
  const port = (server.address() as AddressInfo).port;
  hosts = allowedHosts(host, port, options.allowHosts);
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  const origin = `http://${shownHost}:${port}`;

  return {
    origin,
    url: token ? `${origin}/?token=${encodeURIComponent(token)}` : `${origin}/`,
    port,
    close: () =>
      new Promise<void>((done) => {
        for (const s of streams) s.end();
        streams.clear();
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}
