import { execFileSync, spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/temp-workspace.ts';

const ROOT = resolve(import.meta.dirname, '../../..');

/**
 * The real bundled main process (dist/electron/main.cjs, as `npm run build:electron` makes it), run under
 * plain Node with a recording stand-in for 'electron' (its binary cannot be installed here). It opens the
 * demo workspace on first start and answers IPC and fer:// requests like the packaged app would.
 */
describe('dist/electron/main.cjs under a fake electron module', () => {
  const tmp = tempDir();
  let report: Record<string, any>;
  let log = '';

  beforeAll(() => {
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-electron.mjs')], { cwd: ROOT, stdio: 'pipe' });
    const r = spawnSync(process.execPath, [join(import.meta.dirname, 'run-main-bundle.cjs')], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, FER_STUDIO_USER_DATA: tmp.dir },
    });
    if (r.status !== 0) throw new Error(`main.cjs run failed (${r.status}): ${r.stderr}`);
    const line = r.stdout.split('\n').find((l) => l.startsWith('REPORT '));
    if (!line) throw new Error(`main.cjs printed no report: ${r.stdout}\n${r.stderr}`);
    report = JSON.parse(line.slice('REPORT '.length));
    log = r.stdout;
  }, 90_000);
  afterAll(() => tmp.cleanup());

  it('registers the privileged fer scheme and takes the single-instance lock before ready', () => {
    expect(report.beforeReady).toEqual(expect.arrayContaining(['registerSchemesAsPrivileged', 'setPath', 'requestSingleInstanceLock']));
    expect(report.beforeReady).not.toContain('protocol.handle');
    expect(report.errors).toEqual([]);
    expect(log).toContain('Demo workspace: imported 2100 samples');
  });

  it('opens a secure window on fer://app/ with the demo workspace imported', () => {
    expect(report.url).toBe('fer://app/');
    expect(report.title).toBe('FER Studio: demo workspace');
    expect(report.webPreferences).toMatchObject({ contextIsolation: true, nodeIntegration: false, sandbox: true, webSecurity: true });
    expect(report.webPreferences.preload).toBe(join(ROOT, 'dist', 'electron', 'preload.cjs'));
    expect(report.fromApp).toMatchObject({ ok: true, result: { samples: 2100, votes: 2100, path: join(tmp.dir, 'demo-workspace.db') } });
  });

  it('answers IPC only from the app, validated, and forwards the change event to the window', () => {
    expect(report.fromElsewhere).toMatchObject({ ok: false, error: { code: 'bad-input' } });
    expect(report.badInput).toMatchObject({ ok: false, error: { code: 'bad-input' } });
    expect(report.edit).toMatchObject({ ok: true, result: { changed: 1 } });
    expect(report.eventsSent).toEqual([['studio:event', { type: 'labels', labelVersion: expect.any(Number) }]]);
  });

  it('runs a long job in a utilityProcess on the built worker bundle (no tsx), its end reaching the window', () => {
    expect(report.scan).toMatchObject({ ok: true, result: { jobId: expect.any(String) } });
    expect(report.fork.modulePath).toBe(join(ROOT, 'dist', 'electron', 'worker.cjs'));
    expect(report.fork.args).toEqual([join(tmp.dir, 'demo-workspace.db')]);
    expect(report.fork.options.execArgv).toBeUndefined();
    // 10 samples cannot make a 2-fold scan: the task itself, inside the worker, says so (or says what it lacks).
    expect(report.job).toMatchObject({ id: report.scan.result.jobId, state: 'failed' });
    expect(report.job.error).not.toMatch(/ended unexpectedly|Could not start the worker/);
    console.log(`worker job ended: ${report.job.error}`);
  });

  it('serves the page with the CSP and sample images over fer://', () => {
    expect(report.page.csp).toMatch(/^default-src 'self'; script-src 'self'/);
    expect(report.img).toEqual({ status: 200, type: 'image/png', bytes: expect.any(Number) });
    expect(report.img.bytes).toBeGreaterThan(100);
  });

  it('denies new windows, navigation away, and permission requests; builds the menu', () => {
    expect(report.windowOpen).toEqual({ action: 'deny' });
    expect(report.navigationBlocked).toBe(true);
    expect(report.inAppNavigationAllowed).toBe(true);
    expect(report.permission).toBe(false);
    expect(report.menuTop).toEqual(['File', 'editMenu', 'View', 'windowMenu', 'help']);
  });
});
