import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SelfTestReport } from '../../../src-main/core/jobs/self-test.ts';

const ROOT = resolve(import.meta.dirname, '../../..');

function selfTest(args: string[], env: NodeJS.ProcessEnv = {}): { status: number | null; report: SelfTestReport } {
  const r = spawnSync(process.execPath, [...args, '--self-test'], { cwd: ROOT, encoding: 'utf8', timeout: 120_000, env: { ...process.env, ...env } });
  const line = r.stdout.split('\n').find((l) => l.startsWith('{'));
  if (!line) throw new Error(`no self-test report (${r.status}): ${r.stdout}\n${r.stderr}`);
  return { status: r.status, report: JSON.parse(line) as SelfTestReport };
}

/**
 * The packaged app runs built JavaScript only: the worker bundles train with no tsx and no .ts file loaded, and
 * electron-builder.yml ships and unpacks no source.
 */
describe('the worker bundles (dist/electron/worker.cjs, fold-worker.cjs, predict-worker.cjs)', () => {
  beforeAll(() => {
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-electron.mjs')], { cwd: ROOT, stdio: 'pipe' });
  }, 90_000);

  it('worker.cjs --self-test trains a tiny epoch on the native engine and on wasm, loading no TypeScript and no tsx', () => {
    for (const env of [{}, { FER_NATIVE: 'off' }]) {
      const { status, report } = selfTest([join(ROOT, 'dist', 'electron', 'worker.cjs')], env);
      expect(report).toMatchObject({ ok: true, sourceModules: [] });
      expect(report.engine).toBe(env.FER_NATIVE ? 'wasm' : 'native');
      expect(Number.isFinite(report.loss)).toBe(true);
      expect(status).toBe(0);
    }
  }, 240_000);

  it('the same self-test run from the TypeScript entry through tsx reports its sources and fails', () => {
    const { status, report } = selfTest(['--import', 'tsx', join(ROOT, 'src-main', 'core', 'jobs', 'worker.ts')]);
    expect(report.ok).toBe(true); // it trained…
    expect(report.sourceModules).toEqual(expect.arrayContaining([join(ROOT, 'src-main', 'core', 'jobs', 'worker.ts'), 'tsx']));
    expect(status).toBe(1); // …but it is not a build
  }, 120_000);

  it('nothing in the app sets ELECTRON_RUN_AS_NODE (the fuse turns it off): fold workers are threads there', () => {
    for (const name of ['worker.cjs', 'fold-worker.cjs', 'predict-worker.cjs', 'group-worker.cjs', 'main.cjs']) {
      expect(readFileSync(join(ROOT, 'dist', 'electron', name), 'utf8'), name).not.toMatch(/ELECTRON_RUN_AS_NODE/);
    }
  });

  it('the bundles name no TypeScript module or tsx loader to import at run time', () => {
    for (const name of ['worker.cjs', 'fold-worker.cjs', 'predict-worker.cjs', 'group-worker.cjs', 'main.cjs']) {
      const code = readFileSync(join(ROOT, 'dist', 'electron', name), 'utf8');
      expect(code, name).not.toMatch(/\bimport\(`\.\/tasks\/|readdirSync\([^)]*commands/);
      expect(code, name).not.toMatch(/tsx[\\/]dist[\\/]loader/);
    }
  });
});

describe('electron-builder.yml', () => {
  /** The entries of a top-level list in the YAML file (its `- item` lines, comments dropped). */
  const list = (yaml: string, key: string): string[] => {
    const lines = yaml.split('\n');
    const start = lines.findIndex((l) => l.startsWith(`${key}:`));
    expect(start, `${key}: in electron-builder.yml`).toBeGreaterThanOrEqual(0);
    const items: string[] = [];
    for (const l of lines.slice(start + 1)) {
      if (/^\S/.test(l)) break;
      const m = /^\s+-\s+"?([^"#]+?)"?\s*(#.*)?$/.exec(l);
      if (m) items.push(m[1]!);
    }
    return items;
  };
  const yaml = readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8');

  it('ships no TypeScript sources: only the built dist/, the demo and the native kernels', () => {
    const files = list(yaml, 'files');
    expect(files.filter((f) => !f.startsWith('!'))).not.toEqual(expect.arrayContaining([expect.stringMatching(/src-main|\.ts\b|bench|scripts/)]));
    expect(files).toContain('dist/**');
  });

  it('packs the asar and unpacks only native binaries and .wasm files, never a whole package or source', () => {
    expect(yaml).toMatch(/^asar: true$/m);
    const unpack = list(yaml, 'asarUnpack');
    expect(unpack.length).toBeGreaterThan(0);
    for (const pattern of unpack) expect(pattern, pattern).toMatch(/^\*\*\/\*\.(node|wasm|so|so\.\*|dylib|dll)$/);
  });

  it('flips the Electron fuses: no RunAsNode, no NODE_OPTIONS or inspect flags, the app only from an integrity-checked asar, encrypted cookies', () => {
    const lines = yaml.split('\n');
    const start = lines.findIndex((l) => l === 'electronFuses:');
    expect(start, 'electronFuses: in electron-builder.yml').toBeGreaterThanOrEqual(0);
    const fuses: Record<string, string> = {};
    for (const l of lines.slice(start + 1)) {
      const m = /^\s+(\w+):\s*(\S+)/.exec(l);
      if (!m) break;
      fuses[m[1]!] = m[2]!;
    }
    expect(fuses).toEqual({
      runAsNode: 'false',
      enableCookieEncryption: 'true',
      enableNodeOptionsEnvironmentVariable: 'false',
      enableNodeCliInspectArguments: 'false',
      enableEmbeddedAsarIntegrityValidation: 'true',
      onlyLoadAppFromAsar: 'true',
      grantFileProtocolExtraPrivileges: 'false',
    });
  });

});
