import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { httpRequest } from '../../helpers/http-request.ts';
import { tempDir } from '../../helpers/temp-workspace.ts';

const ROOT = resolve(import.meta.dirname, '../../..');

/** `fer-studio serve --data-dir DIR`: the page reaches that folder by name over HTTP, and no path-taking method. */
describe('serve --data-dir', () => {
  const tmp = tempDir('fer-serve-data-');
  afterAll(() => tmp.cleanup());

  it('names the folder, lists it over HTTP, and keeps the path-taking methods off the HTTP door', async () => {
    mkdirSync(tmp.path('shared'));
    writeFileSync(tmp.path('shared/notes.csv'), 'a,b\n');
    const child = spawn(process.execPath, ['bin/fer-studio.js', 'serve', '--create', '--workspace', tmp.path('w.db'), '--port', '0', '--data-dir', tmp.path('shared')], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      await expect.poll(() => out, { timeout: 60_000 }).toMatch(/Open (http:\/\/\S+)/);
      expect(out).toContain(`Data folder (import and export from the page): ${tmp.path('shared')}`);
      const origin = /Open (http:\/\/[^/\s]+)/.exec(out)![1]!;
      const call = (method: string, input: object) =>
        httpRequest(`${origin}/api/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(input) });
      const listed = await call('dataFolder', {});
      expect(listed.status).toBe(200);
      expect(listed.json().result).toMatchObject({ available: true, path: tmp.path('shared'), entries: [{ name: 'notes.csv', kind: 'file', bytes: 4 }] });
      expect((await call('importFer2013', { path: tmp.path('shared/notes.csv') })).status).toBe(404);
      const outside = await call('importFromDataFolder', { name: '../w.db' });
      expect(outside.status).toBe(400);
      expect(outside.json().error.message).toContain("expected a name without '/'");
    } finally {
      child.kill('SIGINT');
    }
  }, 90_000);
});
