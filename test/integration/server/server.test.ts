import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import sharp from 'sharp';
import { Studio } from '../../../src-main/core/studio/studio.ts';
import { startServer, type RunningServer } from '../../../src-main/server/server.ts';
import { firstFerRows, writeFerCsv, type FerRow } from '../../helpers/fer-rows.ts';
import { httpRequest } from '../../helpers/http-request.ts';
import { tempDir } from '../../helpers/temp-workspace.ts';

const tmp = tempDir('fer-server-');
let studio: Studio;
let server: RunningServer;
let rows: FerRow[];

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  httpRequest(`${server.origin}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });

beforeAll(async () => {
  rows = await firstFerRows(40);
  writeFerCsv(tmp.path('first40.csv'), rows);
  const renderer = tmp.path('renderer');
  mkdirSync(renderer);
  writeFileSync(`${renderer}/index.html`, '<!doctype html><title>test page</title>');
  studio = new Studio(tmp.path('w.db'));
  await studio.call('importFer2013', { path: tmp.path('first40.csv') });
  server = await startServer({ studio, rendererDir: renderer, log: () => {} });
});

afterAll(async () => {
  await server?.close();
  await studio?.close();
  tmp.cleanup();
});

describe('HTTP door: API calls', () => {
  it('binds loopback on a free port and prints a URL without a token', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('POST /api/<method> returns {ok, result} from the core', async () => {
    const r = await post('/api/info', {});
    expect(r.status).toBe(200);
    expect(r.json()).toMatchObject({ ok: true, result: { samples: 40, labelVersion: 0 } });
    const list = (await post('/api/listSamples', { split: 'Training' })).json();
    expect(list.result.ids).toEqual(rows.filter((x) => x.split === 'Training').map((x) => x.row));
    expect(list.result.labels).toEqual(rows.filter((x) => x.split === 'Training').map((x) => x.emotion));
  });

  it('unknown method -> 404 with the core message', async () => {
    const r = await post('/api/dropEverything', {});
    expect(r.status).toBe(404);
    expect(r.json()).toEqual({ ok: false, error: { code: 'not-found', message: "Unknown method 'dropEverything'." } });
  });

  it('bad input -> 400 with the zod message', async () => {
    const r = await post('/api/setLabel', { ids: [], label: 1000 });
    expect(r.status).toBe(400);
    const { error } = r.json();
    expect(error.code).toBe('bad-input');
    expect(error.message).toMatch(/^Invalid input for setLabel: ids: select at least one sample; label: /);
  });

  it('a missing sample -> 404, invalid JSON -> 400, GET -> 405, huge body -> 413', async () => {
    expect((await post('/api/getSample', { id: 99_999 })).json().error).toEqual({ code: 'not-found', message: 'No sample with id 99999.' });
    const bad = await post('/api/info', '{not json');
    expect(bad.status).toBe(400);
    expect(bad.json().error.message).toMatch(/not valid JSON/);
    expect((await httpRequest(`${server.origin}/api/info`)).status).toBe(405);
    const huge = await post('/api/setLabel', JSON.stringify({ ids: Array.from({ length: 400_000 }, (_, i) => i), label: 1 }));
    expect(huge.status).toBe(413);
  });

  it('a relabel through HTTP reaches SQLite and is undoable', async () => {
    const target = rows.find((x) => x.emotion !== 3)!;
    const r = (await post('/api/setLabel', { ids: [target.row], label: 3 })).json();
    expect(r).toMatchObject({ ok: true, result: { changed: 1, canUndo: true } });
    expect(studio.workspace.samples.get(target.row)!.label).toBe(3);
    await post('/api/undo', {});
    expect(studio.workspace.samples.get(target.row)!.label).toBe(target.emotion);
  });

  it('records which tab made a step (X-Fer-Client); an undo naming a step that is no longer next is refused with 409, changing nothing', async () => {
    const [a, b] = rows.filter((x) => x.emotion !== 5).slice(0, 2) as [FerRow, FerRow];
    const tab = (id: string) => ({ 'X-Fer-Client': id });
    await post('/api/setLabel', { ids: [a.row], label: 5 }, tab('tab-one'));
    const seen = (await post('/api/undoState', {}, tab('tab-one'))).json().result;
    expect(seen.undoStep).toMatchObject({ what: '1 sample relabelled to surprise', by: 'you', mine: true });
    expect((await post('/api/undoState', {}, tab('tab-two'))).json().result.undoStep).toMatchObject({ by: 'another browser tab', mine: false });
    expect((await post('/api/undoState', {})).json().result.undoStep).toMatchObject({ by: 'another browser tab', mine: false });
    // tab two relabels in between; tab one's undo of the step it saw is refused
    await post('/api/setLabel', { ids: [b.row], label: 5 }, tab('tab-two'));
    const stale = await post('/api/undo', { expect: seen.undoStep.batchId }, tab('tab-one'));
    expect(stale.status).toBe(409);
    expect(stale.json().error.message).toMatch(/changed since you looked/);
    expect([a, b].map((x) => studio.workspace.samples.get(x.row)!.label)).toEqual([5, 5]);
    // with the step it sees now, the undo goes through and says whose step it was
    const now = (await post('/api/undoState', {}, tab('tab-one'))).json().result.undoStep;
    const undone = (await post('/api/undo', { expect: now.batchId }, tab('tab-one'))).json().result;
    expect(undone).toMatchObject({ changed: 1, undoStep: { batchId: seen.undoStep.batchId, by: 'you' } });
    expect(studio.workspace.samples.get(b.row)!.label).toBe(b.emotion);
    await post('/api/undo', {}, tab('tab-one'));
  });
});

describe('HTTP door: images, page, events, guards', () => {
  it('GET /img/<id>.png returns the sample as a 48x48 grayscale PNG with cache headers; ETag revalidates to 304', async () => {
    const r = await httpRequest(`${server.origin}/img/5.png`);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('image/png');
    expect(r.headers['cache-control']).toMatch(/max-age=\d+/);
    const { data, info } = await sharp(r.body).extractChannel(0).raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height]).toEqual([48, 48]);
    expect(Buffer.compare(data, Buffer.from(rows[5]!.pixels))).toBe(0);
    const again = await httpRequest(`${server.origin}/img/5.png`, { headers: { 'If-None-Match': String(r.headers.etag) } });
    expect(again.status).toBe(304);
    expect((await httpRequest(`${server.origin}/img/99999.png`)).status).toBe(404);
    expect((await httpRequest(`${server.origin}/img/abc.png`)).status).toBe(400);
  });

  it('serves the app with a CSP, falls back to index.html for app routes, refuses paths outside it', async () => {
    const page = await httpRequest(`${server.origin}/`);
    expect(page.status).toBe(200);
    expect(page.text()).toContain('test page');
    expect(page.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect((await httpRequest(`${server.origin}/review`)).text()).toContain('test page');
    expect((await httpRequest(`${server.origin}/assets/missing.js`)).status).toBe(404);
    const escape = await httpRequest(`${server.origin}/..%2f..%2fpackage.json`);
    expect([403, 404]).toContain(escape.status);
    expect(escape.text()).not.toContain('"name"');
  });

  it('rejects a foreign Host header (DNS rebinding)', async () => {
    const r = await httpRequest(`${server.origin}/api/info`, { method: 'POST', headers: { Host: `evil.example:${server.port}` }, body: '{}' });
    expect(r.status).toBe(421);
    expect(r.json().error.message).toMatch(/not served here/);
  });

  it('streams core events as SSE: a relabel on another door arrives as a labels event', async () => {
    const got = new Promise<string>((resolve, reject) => {
      const req = request(`${server.origin}/api/events`, (res) => {
        expect(res.headers['content-type']).toMatch(/text\/event-stream/);
        let buffer = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          if (buffer.includes(': connected')) void studio.call('setLabel', { ids: [1], label: 6 });
          const m = /^data: (.+)$/m.exec(buffer);
          if (m) {
            req.destroy();
            resolve(m[1]!);
          }
        });
      });
      req.on('error', reject);
      req.end();
    });
    const event = JSON.parse(await got);
    expect(event).toEqual({ type: 'labels', labelVersion: expect.any(Number) });
    expect(studio.workspace.samples.get(1)!.label).toBe(6);
  });
});

describe('HTTP door: cross-site requests and file paths', () => {
  const target = () => rows.find((x) => x.emotion !== 6)!;

  it('refuses a relabel from a foreign page: no-cors text/plain POST, foreign Origin, cross-site fetch', async () => {
    const { row, emotion } = target();
    const body = JSON.stringify({ ids: [row], label: 6 });
    const attempts: Record<string, string>[] = [
      { Origin: 'http://evil.example', 'Content-Type': 'text/plain' },
      { Origin: 'http://evil.example', 'Content-Type': 'application/json' },
      { 'Sec-Fetch-Site': 'cross-site', 'Content-Type': 'application/json' },
      { 'Sec-Fetch-Site': 'same-site', Origin: `http://localhost:${server.port + 1}`, 'Content-Type': 'application/json' },
      { Origin: 'null', 'Content-Type': 'application/json' },
    ];
    for (const headers of attempts) {
      const r = await httpRequest(`${server.origin}/api/setLabel`, { method: 'POST', headers, body });
      expect(r.status, JSON.stringify(headers)).toBe(403);
      expect(r.json().error.message).toMatch(/^Cross-(site|origin) request refused/);
    }
    expect(studio.workspace.samples.get(row)!.label).toBe(emotion);
  });

  it('takes API calls as application/json only, and the page\'s own same-origin calls', async () => {
    const { row, emotion } = target();
    const body = JSON.stringify({ ids: [row], label: 6 });
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const r = await httpRequest(`${server.origin}/api/setLabel`, { method: 'POST', headers: { 'Content-Type': type }, body });
      expect(r.status, type).toBe(415);
    }
    expect((await httpRequest(`${server.origin}/api/setLabel`, { method: 'POST', body })).status).toBe(415);
    expect(studio.workspace.samples.get(row)!.label).toBe(emotion);
    const own = await httpRequest(`${server.origin}/api/setLabel`, {
      method: 'POST',
      headers: { Origin: server.origin, 'Sec-Fetch-Site': 'same-origin', 'Content-Type': 'application/json; charset=utf-8' },
      body,
    });
    expect(own.status).toBe(200);
    expect(studio.workspace.samples.get(row)!.label).toBe(6);
    await post('/api/undo', {});
  });

  it('refuses images to a foreign page, serves them to its own', async () => {
    expect((await httpRequest(`${server.origin}/img/1.png`, { headers: { 'Sec-Fetch-Site': 'cross-site' } })).status).toBe(403);
    expect((await httpRequest(`${server.origin}/img/1.png`, { headers: { 'Sec-Fetch-Site': 'same-origin' } })).status).toBe(200);
  });

  it('offers no method that takes a file path: import and export are absent, and nothing is read or written', async () => {
    const secret = tmp.path('secret.txt');
    writeFileSync(secret, 'root:$y$j9T$secret-hash:19000:0:99999:7:::\n');
    for (const [method, input] of [
      ['importFer2013', { path: secret }],
      ['importVotes', { path: secret }],
      ['importFolder', { path: tmp.path('') }],
      ['exportCsv', { out: tmp.path('out.csv') }],
      ['exportFolders', { out: tmp.path('out-folders') }],
      ['exportDiff', { out: tmp.path('out-diff.csv') }],
    ] as const) {
      const r = await post(`/api/${method}`, input);
      expect(r.status, method).toBe(404);
      expect(r.json().error.message).toMatch(new RegExp(`^'${method}' is not offered by the HTTP door`));
      expect(r.text()).not.toMatch(/root|secret-hash/);
    }
    expect(existsSync(tmp.path('out.csv')) || existsSync(tmp.path('out-folders')) || existsSync(tmp.path('out-diff.csv'))).toBe(false);
  });
});

describe('HTTP door: token and binding', () => {
  it('refuses a non-loopback host without a token', async () => {
    await expect(startServer({ studio, host: '0.0.0.0', port: 0 })).rejects.toThrow(/without a token/);
  });

  it('with a token, every route needs it: Bearer for calls, ?token= for images and events', async () => {
    const secured = await startServer({ studio, token: 'open-sesame-42', rendererDir: tmp.path('renderer'), log: () => {} });
    try {
      expect(secured.url).toMatch(/\?token=open-sesame-42$/);
      const call = (headers: Record<string, string>) => httpRequest(`${secured.origin}/api/info`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: '{}' });
      expect((await call({})).status).toBe(401);
      expect((await call({ Authorization: 'Bearer wrong-token-00' })).status).toBe(403);
      expect((await call({ Authorization: 'Bearer open-sesame-42' })).json()).toMatchObject({ ok: true });
      expect((await httpRequest(`${secured.origin}/img/0.png`)).status).toBe(401);
      expect((await httpRequest(`${secured.origin}/img/0.png?token=open-sesame-42`)).status).toBe(200);
      expect((await httpRequest(`${secured.origin}/api/events`)).status).toBe(401);
      // The app's own files hold no data: the page loads, then sends the token it was given with every call.
      expect((await httpRequest(`${secured.origin}/?token=open-sesame-42`)).status).toBe(200);
      expect((await httpRequest(`${secured.origin}/`)).status).toBe(200);
    } finally {
      await secured.close();
    }
  });
});
