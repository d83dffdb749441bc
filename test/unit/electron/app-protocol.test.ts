import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { createAppProtocolHandler, type PixelSource } from '../../../src-main/electron/app-protocol.ts';
import { APP_CSP } from '../../../src-main/electron/content-security-policy.ts';
import { tempDir } from '../../helpers/temp-workspace.ts';

describe('fer://app/ protocol handler', () => {
  const tmp = tempDir();
  const renderer = join(tmp.dir, 'renderer');
  mkdirSync(join(renderer, 'assets'), { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>FER Studio</title>');
  writeFileSync(join(renderer, 'assets', 'app-1234.js'), 'console.log(1)');
  writeFileSync(join(tmp.dir, 'secret.txt'), 'do not serve');
  afterAll(() => tmp.cleanup());

  const pixels = new Uint8Array(48 * 48).map((_, i) => i % 251);
  const samples: PixelSource = { pixels: (id) => (id === 7 ? { width: 48, height: 48, pixels } : null) };
  const handle = createAppProtocolHandler({ rendererDir: renderer, samples: () => samples });
  const get = (url: string, method = 'GET') => handle(new Request(url, { method }));

  it('serves index.html at / with the strict CSP header', async () => {
    const r = await get('fer://app/');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/text\/html/);
    expect(r.headers.get('content-security-policy')).toBe(APP_CSP);
    expect(await r.text()).toContain('<title>FER Studio</title>');
  });

  it('serves assets with their type, and views without an extension as index.html', async () => {
    const js = await get('fer://app/assets/app-1234.js');
    expect(js.headers.get('content-type')).toMatch(/text\/javascript/);
    expect(await js.text()).toBe('console.log(1)');
    expect(await (await get('fer://app/review')).text()).toContain('FER Studio');
    expect((await get('fer://app/assets/missing.js')).status).toBe(404);
  });

  it('never serves files outside the renderer folder', async () => {
    for (const url of ['fer://app/../secret.txt', 'fer://app/%2e%2e/secret.txt', 'fer://app/assets/..%2f..%2fsecret.txt', 'fer://app/%00']) {
      const r = await get(url);
      expect(r.status, url).not.toBe(200);
      expect(await r.text()).not.toContain('do not serve');
    }
  });

  it('serves /img/<id>.png as the sample pixels, 404 for an unknown id, 400 for a bad one', async () => {
    const r = await get('fer://app/img/7.png');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('image/png');
    const png = Buffer.from(await r.arrayBuffer());
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(48);
    const idat = png.indexOf('IDAT');
    const raw = inflateSync(png.subarray(idat + 4, idat + 4 + png.readUInt32BE(idat - 4)));
    expect(raw.subarray(1, 49)).toEqual(Buffer.from(pixels.subarray(0, 48)));
    expect((await get('fer://app/img/8.png')).status).toBe(404);
    expect((await get('fer://app/img/abc.png')).status).toBe(400);
  });

  it('answers only its own origin and GET/HEAD', async () => {
    expect((await get('fer://other/')).status).toBe(404);
    expect((await get('https://app/')).status).toBe(404);
    expect((await get('fer://app/', 'POST')).status).toBe(405);
  });
});
