import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDemoWorkspace } from '../../../src-main/core/demo/demo-workspace.ts';
import { Studio } from '../../../src-main/core/studio/studio.ts';
import { DEFAULT_RENDERER_DIR } from '../../../src-main/server/server.ts';
import { ensureRendererBuilt } from '../../../src-main/server/renderer-build.ts';
import { createAppProtocolHandler } from '../../../src-main/electron/app-protocol.ts';
import { handleCall } from '../../../src-main/electron/ipc.ts';
import { tempDir } from '../../helpers/temp-workspace.ts';

const ROOT = resolve(import.meta.dirname, '../../..');

/**
 * The built renderer as the Electron window gets it, in Debian's Chromium (no Electron binary here): every
 * response comes from the fer://app/ protocol handler (with its CSP header), and `window.studio` is a bridge
 * object of the preload's shape whose calls go through ipc.ts's handleCall on a real demo workspace.
 */
describe('the renderer under the Electron door (protocol handler + CSP + bridge)', () => {
  const tmp = tempDir();
  let studio: Studio;
  let server: Server;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    ensureRendererBuilt(DEFAULT_RENDERER_DIR, () => {});
    ({ studio } = await openDemoWorkspace(tmp.dir, join(ROOT, 'resources', 'demo'), (p) => new Studio(p)));
    const handler = createAppProtocolHandler({ rendererDir: DEFAULT_RENDERER_DIR, samples: () => studio.workspace.samples });
    // Chromium cannot open fer:// without Electron: carry each request to the same handler over loopback http.
    server = createServer((req, res) => {
      void handler(new Request(`fer://app${req.url ?? '/'}`, { method: req.method ?? 'GET' })).then(async (r) => {
        res.writeHead(r.status, Object.fromEntries(r.headers));
        res.end(Buffer.from(await r.arrayBuffer()));
      });
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'], headless: true });
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' || /Content Security Policy/i.test(m.text())) problems.push(`console: ${m.text()}`);
    });
    await page.exposeFunction('__ipcInvoke', (method: unknown, input: unknown) => handleCall(studio, { senderFrame: { url: 'fer://app/' } }, method, input));
    await page.addInitScript(() => {
      const w = window as unknown as { __ipcInvoke: (m: string, i: unknown) => Promise<unknown>; studio: unknown };
      w.studio = Object.freeze({ call: (m: string, i: unknown) => w.__ipcInvoke(m, i), onEvent: () => () => {}, imageBase: '/img/' });
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((done) => server?.close(done));
    await studio?.close();
    tmp.cleanup();
  });

  it('loads the page and its scripts under the CSP header, shows the demo grid with images through the bridge', async () => {
    const { port } = server.address() as AddressInfo;
    const response = await page.goto(`http://127.0.0.1:${port}/`);
    expect(response!.headers()['content-security-policy']).toMatch(/script-src 'self'/);
    await page.getByTestId('grid-count').filter({ hasText: '2,100 samples' }).waitFor({ timeout: 30_000 });
    await page.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('[data-cell="0"] img');
      return img !== null && img.complete && img.naturalWidth === 48;
    });
    await page.screenshot({ path: join(ROOT, 'test-results', 'electron-door-demo.png') });
    expect(problems).toEqual([]);
  }, 60_000);
});
