import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * What the core and the UI both run lives in src-common/ (issue 18, item 13): the renderer takes only types from
 * src-main (so no core code lands in its bundle), the Electron door imports nothing of the HTTP door, and
 * src-common runs nothing of src-main.
 */
const ROOT = resolve(import.meta.dirname, '../../..');

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(ts|svelte)$/.test(f) && !f.includes('node_modules'))
    .map((f) => join(dir, f));
}

/** The specifiers a file imports at run time (type-only imports and exports left out). */
function runtimeImports(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  return [...text.matchAll(/^\s*(import|export)\s+(?!type\b)[^;]*?from\s+'([^']+)'/gm)].map((m) => m[2]!);
}

describe('module boundaries', () => {
  it('the renderer imports main-side modules only as types; what it runs comes from src-common', () => {
    const offenders = sources('src-renderer/src').flatMap((f) => runtimeImports(f).filter((s) => s.includes('src-main/')).map((s) => `${f}: ${s}`));
    expect(offenders).toEqual([]);
  });

  it('the Electron door imports nothing of the HTTP door', () => {
    const offenders = sources('src-main/electron').flatMap((f) => runtimeImports(f).filter((s) => s.includes('/server/')).map((s) => `${f}: ${s}`));
    expect(offenders).toEqual([]);
  });

  it('src-common runs nothing of src-main', () => {
    const offenders = sources('src-common').flatMap((f) => runtimeImports(f).filter((s) => s.includes('src-main')).map((s) => `${f}: ${s}`));
    expect(offenders).toEqual([]);
  });

  it('finds run-time imports (the scanner itself)', () => {
    expect(runtimeImports('src-renderer/src/lib/api/client.ts').some((s) => s.includes('src-common/client.ts'))).toBe(true);
  });
});
