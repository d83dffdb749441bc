import { join, resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { APP_CSP } from '../../../src-main/electron/content-security-policy.ts';
import { secureWebPreferences } from '../../../src-main/electron/security.ts';
import { readElectronSources, scanElectronSources, type Finding } from './electron-scan.ts';

const ELECTRON_DIR = resolve(import.meta.dirname, '../../../src-main/electron');
const fixture = (name: string) => ({ file: name, text: readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8') });
const rules = (findings: Finding[]) => [...new Set(findings.map((f) => f.rule))].sort();

describe('static security scan of the Electron door', () => {
  it('finds nothing in src-main/electron', () => {
    const sources = readElectronSources(ELECTRON_DIR);
    expect(sources.map((s) => s.file.slice(ELECTRON_DIR.length + 1))).toEqual(expect.arrayContaining(['main.ts', 'preload.ts', 'ipc.ts', 'security.ts', 'app-protocol.ts']));
    const findings = scanElectronSources(sources);
    expect(findings.map((f) => `${f.rule} ${f.file}:${f.line} ${f.message}`)).toEqual([]);
  });

  it('catches every rule in a deliberately insecure main process', () => {
    const findings = scanElectronSources([fixture('bad-main.ts.txt')]);
    expect(rules(findings)).toEqual(['context-isolation', 'csp', 'ipc-unvalidated', 'navigation', 'node-integration', 'open-external', 'remote-content', 'sandbox', 'web-preferences', 'web-security']);
    const messages = findings.map((f) => f.message).join('\n');
    expect(messages).toMatch(/no Content-Security-Policy header/);
    expect(messages).toMatch(/no 'will-navigate' handler/);
    expect(messages).toMatch(/ipcMain\.on: fire-and-forget/);
    expect(messages).toMatch(/ipcMain\.handle\('studio:call'\) does not go through handleCall/);
    expect(messages).toMatch(/unsafe script source/);
    expect(findings.filter((f) => f.rule === 'web-preferences')).toHaveLength(2); // the insecure literal and the window without webPreferences
  });

  it('catches a preload that hands the page ipcRenderer or more than the studio object', () => {
    const findings = scanElectronSources([fixture('bad-preload.ts.txt')]).filter((f) => f.line > 0);
    expect(findings.map((f) => f.rule)).toEqual(['preload-exposure', 'preload-exposure']);
  });

  it('catches a handleCall that skips the sender check', () => {
    const findings = scanElectronSources([fixture('bad-ipc.ts.txt')]).filter((f) => f.line > 0);
    expect(findings.map((f) => f.message)).toEqual(['handleCall must check the sender with isAppUrl and run studio.call (the validating dispatcher)']);
  });

  it('the real window preferences and CSP are the strict ones', () => {
    expect(secureWebPreferences('/p.cjs')).toMatchObject({ contextIsolation: true, nodeIntegration: false, sandbox: true, webSecurity: true, webviewTag: false, allowRunningInsecureContent: false });
    const directives = new Map(APP_CSP.split(';').map((d) => { const [k, ...v] = d.trim().split(/\s+/); return [k!, v]; }));
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('img-src')).toEqual(["'self'", 'fer:', 'data:', 'blob:']);
  });
});
