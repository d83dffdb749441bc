import type { IncomingMessage } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { hostname } from 'node:os';

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

/** What Host headers the server answers: names (with the port), and for a wildcard bind any IP literal on the port. */
export interface HostRule {
  names: Set<string>;
  anyIpOnPort: number | null;
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
const IPV6 = /^\[[0-9a-f:.]+\]$/i;

/**
 * Host names a request may carry (DNS-rebinding guard): a page on evil.example that resolves to 127.0.0.1
 * still sends `Host: evil.example`. A wildcard bind has no single name: it answers any IP address of this
 * machine (rebinding needs a name, never an IP literal), loopback names, this machine's hostname, and the
 * names given with --allow-host.
 */
export function allowedHosts(boundHost: string, port: number, extraNames: readonly string[] = []): HostRule {
  const wildcard = WILDCARD_HOSTS.has(boundHost);
  const names = wildcard
    ? ['127.0.0.1', 'localhost', '[::1]', hostname(), ...extraNames]
    : isLoopbackHost(boundHost)
      ? ['127.0.0.1', 'localhost', '[::1]', bracket(boundHost), ...extraNames]
      : [bracket(boundHost), ...extraNames];
  return { names: new Set(names.map((n) => `${n}:${port}`.toLowerCase())), anyIpOnPort: wildcard ? port : null };
}

export function checkHost(req: IncomingMessage, rule: HostRule): void {
  const host = (req.headers.host ?? '').toLowerCase();
  if (rule.names.has(host)) return;
  if (rule.anyIpOnPort !== null) {
    const at = host.lastIndexOf(':');
    const name = host.slice(0, at);
    if (host.slice(at + 1) === String(rule.anyIpOnPort) && (IPV4.test(name) || IPV6.test(name))) return;
  }
  throw new AccessError(421, `Host '${host.slice(0, 100)}' is not served here (expected ${[...rule.names][0]}${rule.anyIpOnPort !== null ? ', an IP address of this machine, or a name given with --allow-host' : ''}).`);
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
