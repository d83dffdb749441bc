import { describe, expect, it } from 'vitest';
import type { IncomingMessage } from 'node:http';
import { hostname } from 'node:os';
import { AccessError, allowedHosts, checkBindable, checkHost, checkToken, isLoopbackHost } from '../../../src-main/server/access.ts';

const req = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;

describe('server access rules', () => {
  it('knows loopback addresses', () => {
    expect(['127.0.0.1', '127.3.2.1', 'localhost', '::1'].every(isLoopbackHost)).toBe(true);
    expect(['0.0.0.0', '192.168.1.4', 'example.com'].some(isLoopbackHost)).toBe(false);
  });

  it('refuses a non-loopback bind without a token, and a short token', () => {
    expect(() => checkBindable('0.0.0.0', undefined)).toThrow(/without a token/);
    expect(() => checkBindable('0.0.0.0', 'short')).toThrow(/at least 8/);
    expect(() => checkBindable('0.0.0.0', 'long-enough-secret')).not.toThrow();
    expect(() => checkBindable('127.0.0.1', undefined)).not.toThrow();
  });

  it('accepts only the bound host names (DNS-rebinding guard)', () => {
    const hosts = allowedHosts('127.0.0.1', 4000);
    expect(() => checkHost(req({ host: '127.0.0.1:4000' }), hosts)).not.toThrow();
    expect(() => checkHost(req({ host: 'localhost:4000' }), hosts)).not.toThrow();
    expect(() => checkHost(req({ host: 'evil.example:4000' }), hosts)).toThrow(AccessError);
    expect(() => checkHost(req({ host: '127.0.0.1:4001' }), hosts)).toThrow(/not served here/);
  });

  it('a wildcard bind keeps the Host check: IP literals on its port, loopback, this hostname and --allow-host names', () => {
    const hosts = allowedHosts('0.0.0.0', 4000, ['gpu-box.example.org']);
    for (const ok of ['10.1.2.3:4000', '[fe80::1]:4000', 'localhost:4000', `${hostname()}:4000`, 'GPU-BOX.example.org:4000']) expect(() => checkHost(req({ host: ok }), hosts), ok).not.toThrow();
    for (const bad of ['evil.example:4000', '10.1.2.3:4001', '10.1.2.3', 'rebind.10.1.2.3.nip.io:4000', '']) expect(() => checkHost(req({ host: bad }), hosts), bad).toThrow(/not served here/);
  });

  it('checks the token from the Authorization header or the query', () => {
    const url = (q = '') => new URL(`http://x/api/info${q}`);
    expect(() => checkToken(req({}), url(), undefined)).not.toThrow();
    expect(() => checkToken(req({}), url(), 'secret-123')).toThrow(expect.objectContaining({ status: 401 }));
    expect(() => checkToken(req({ authorization: 'Bearer nope' }), url(), 'secret-123')).toThrow(expect.objectContaining({ status: 403 }));
    expect(() => checkToken(req({ authorization: 'Bearer secret-123' }), url(), 'secret-123')).not.toThrow();
    expect(() => checkToken(req({}), url('?token=secret-123'), 'secret-123')).not.toThrow();
  });
});
