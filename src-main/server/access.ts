import type { IncomingMessage } from 'node:http';
import { timingSafeEqual } from 'node:crypto';

/** Who may talk to the server: loopback-only unless a token is set, the Host header, the token. */

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);
const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '[::]']);

export function isLoopbackHost(host: string): boolean {
  return LOOPBACK_HOSTS.has(host) || /^127\.\d+\.\d+\.\d+$/.test(host);
}

export class AccessError extends Error {
  constructor(
    readonly status: 401 | 403 | 415 | 421,
    message: string,
  ) {
    super(message);
  }
}

/** Refuses to bind a non-loopback address without a token: anyone on the network could relabel the dataset. */
export function checkBindable(host: string, token: string | undefined): void {
  if (!isLoopbackHost(host) && !token) {
    throw new Error(`Refusing to listen on ${host} without a token: anyone who can reach this port could change your labels. Pass --token <secret> (or bind 127.0.0.1).`);
  }
  if (token !== undefined && token.length < 8) throw new Error('The token must be at least 8 characters long.');
}

function bracket(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

/**
 * Host names a request may carry (DNS-rebinding guard): a page on evil.example that resolves to 127.0.0.1
 * still sends `Host: evil.example`. A wildcard bind has no single name; there the token is the guard.
 */
export function allowedHosts(boundHost: string, port: number): Set<string> | 'any' {
  if (WILDCARD_HOSTS.has(boundHost)) return 'any';
  const names = isLoopbackHost(boundHost) ? ['127.0.0.1', 'localhost', '[::1]', bracket(boundHost)] : [bracket(boundHost)];
  return new Set(names.map((n) => `${n}:${port}`.toLowerCase()));
}

export function checkHost(req: IncomingMessage, allowed: Set<string> | 'any'): void {
  if (allowed === 'any') return;
  const host = (req.headers.host ?? '').toLowerCase();
  if (!allowed.has(host)) throw new AccessError(421, `Host '${host}' is not served here (expected ${[...allowed][0]}).`);
}

/**
 * Cross-site request guard for the API and the images. A page on another origin can still *send* a
 * request (a `no-cors` POST with a text/plain body needs no preflight), so the server refuses:
 * - a browser's `Sec-Fetch-Site` other than same-origin (or `none`: typed in the address bar);
 * - an `Origin` other than this server's own (the Host header, already checked against the bind);
 * - an API call whose body is not `application/json`, a type a foreign page cannot send without a
 *   CORS preflight, which this server never answers.
 * Requests without these headers (curl, the CLI's tests) are not from a browser page and pass.
 */
export function checkSameOrigin(req: IncomingMessage, isApiCall: boolean): void {
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') throw new AccessError(403, `Cross-site request refused (Sec-Fetch-Site: ${site}).`);
  const origin = req.headers.origin;
  if (origin !== undefined && origin.toLowerCase() !== `http://${(req.headers.host ?? '').toLowerCase()}`) {
    throw new AccessError(403, `Cross-origin request refused (Origin: ${origin.slice(0, 100)}).`);
  }
  if (isApiCall) {
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/json') throw new AccessError(415, `API calls must send Content-Type: application/json (got ${type === '' ? 'none' : type.slice(0, 60)}).`);
  }
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Token from `Authorization: Bearer T` (fetch) or `?token=T` (images, EventSource and the first page load). */
export function checkToken(req: IncomingMessage, url: URL, token: string | undefined): void {
  if (token === undefined) return;
  const header = req.headers.authorization;
  const given = header?.startsWith('Bearer ') ? header.slice(7).trim() : url.searchParams.get('token');
  if (given === null || given === undefined || given === '') throw new AccessError(401, 'This server needs a token: open the URL it printed (…?token=…) or send Authorization: Bearer <token>.');
  if (!sameSecret(given, token)) throw new AccessError(403, 'Wrong token.');
}
