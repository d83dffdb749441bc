import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PredictionReport, RunDetail } from '../../../src-main/core/api.ts';
import { UPLOAD_LIMITS } from '../../../src-main/core/api/model-api.ts';
import { Studio } from '../../../src-main/core/studio/studio.ts';
import { startServer, type RunningServer } from '../../../src-main/server/server.ts';
import { cli } from '../../helpers/capture-io.ts';
import { stratifiedFerRows, writeFerCsv, type FerRow } from '../../helpers/fer-rows.ts';
import { httpRequest } from '../../helpers/http-request.ts';
import { tempDir } from '../../helpers/temp-workspace.ts';

// The Results view's "Export model…" and "Predict on images…" over HTTP: bytes in and out, never a path.
const tmp = tempDir('fer-model-http-');
let studio: Studio;
let server: RunningServer;
let runId: number;
let rows: FerRow[];

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  httpRequest(`${server.origin}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
const pngOf = (r: FerRow) => sharp(Buffer.from(r.pixels), { raw: { width: 48, height: 48, channels: 1 } }).png().toBuffer();

beforeAll(async () => {
  rows = await stratifiedFerRows(10, { split: 'Training' });
  writeFerCsv(tmp.path('fer.csv'), [...rows, ...(await stratifiedFerRows(2, { split: 'PublicTest' }))]);
  expect((await cli('import', tmp.path('fer.csv'), '--workspace', tmp.path('w.db'))).code).toBe(0);
  const t = await cli('train', '--model', 'cnn-tiny', '--epochs', '1', '--json', '--workspace', tmp.path('w.db'));
  expect(t.code, t.err.join('\n')).toBe(0);
  runId = (t.json() as { run: RunDetail }).run.id;
  const renderer = tmp.path('renderer');
  mkdirSync(renderer);
  writeFileSync(`${renderer}/index.html`, '<!doctype html><title>test page</title>');
  studio = new Studio(tmp.path('w.db'));
  server = await startServer({ studio, rendererDir: renderer, log: () => {} });
}, 180_000);

afterAll(async () => {
  await server?.close();
  await studio?.close();
  tmp.cleanup();
});

describe('HTTP door: a run\'s model', () => {
  it('modelArchive returns the export as a zip that unzip reads', async () => {
    const r = await post('/api/modelArchive', { runId });
    expect(r.status).toBe(200);
    const { fileName, base64, bytes } = r.json().result as { fileName: string; base64: string; bytes: number };
    expect(fileName).toBe(`fer-studio-run-${runId}-cnn-tiny.zip`);
    const zip = Buffer.from(base64, 'base64');
    expect(zip.length).toBe(bytes);
    writeFileSync(tmp.path('model.zip'), zip);
    const listing = execFileSync('unzip', ['-t', tmp.path('model.zip')], { encoding: 'utf8' });
    expect(listing).toMatch(/testing: model\.json\s+OK/);
    expect(listing).toMatch(/testing: weights\.bin\s+OK/);
    expect(listing).toMatch(/testing: model-info\.json\s+OK/);
    expect(listing).toContain('No errors detected');
  });

  it('predictUploads: each upload predicted or reported by its name; more than the JSON limit is accepted up to the upload limit', async () => {
    const face = (await pngOf(rows[0]!)).toString('base64');
    // An image larger than the ordinary 2 MiB body limit: random RGB noise does not compress.
    const noise = Buffer.from(Array.from({ length: 900 * 900 * 3 }, (_, i) => (i * 2654435761) >>> 24));
    const big = (await sharp(noise, { raw: { width: 900, height: 900, channels: 3 } }).png({ compressionLevel: 0 }).toBuffer()).toString('base64');
    expect(big.length).toBeGreaterThan(2 * 1024 * 1024);
    const r = await post('/api/predictUploads', { runId, images: [{ name: 'face.png', base64: face }, { name: 'notes.txt', base64: Buffer.from('top secret').toString('base64') }, { name: 'big.png', base64: big }] });
    expect(r.status).toBe(200);
    const report = r.json().result as PredictionReport;
    expect(report.predictions.map((p) => p.file)).toEqual(['face.png', 'big.png']);
    expect(report.errors).toEqual([{ file: 'notes.txt', reason: expect.stringContaining('unsupported image format') }]);
    expect(r.text()).not.toContain('top secret');
  }, 60_000);

  it('refuses an upload over the limit (413), a path-taking method (404), a cross-site call', async () => {
    const tooBig = 'A'.repeat(Math.ceil(UPLOAD_LIMITS.callBytes / 3) * 4 + 128 * 1024);
    expect((await post('/api/predictUploads', { runId, images: [{ name: 'x.png', base64: tooBig }] })).status).toBe(413);
    const local = await post('/api/predictFiles', { runId, paths: ['/etc/passwd'] });
    expect(local.status).toBe(404);
    const exportByPath = await post('/api/exportModel', { runId, out: tmp.path('stolen') });
    expect(exportByPath.status).toBe(404);
    const cross = await post('/api/modelArchive', { runId }, { Origin: 'https://evil.example' });
    expect(cross.status).toBe(403);
  });

  it('a run that is not there or not finished is a clear error', async () => {
    const r = await post('/api/modelArchive', { runId: 999 });
    expect(r.status).toBe(404);
    expect(r.json().error.message).toBe('No run with id 999.');
  });
});
