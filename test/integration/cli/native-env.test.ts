import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { tempDir } from '../../helpers/temp-workspace.ts';

/**
 * FER_NATIVE_ISA and FER_NATIVE_PRECISION act when a process loads the addon: `fer-studio info` in a child
 * process with them set reports the native engine on that instruction set, or unavailable and why.
 */
const run = promisify(execFile);

async function nativeCandidate(env: Record<string, string>): Promise<{ available: boolean; reason: string }> {
  const tmp = tempDir();
  try {
    const { stdout } = await run(process.execPath, ['bin/fer-studio.js', 'info', '--json', '--create', '--workspace', tmp.path('w.db')], { env: { ...process.env, ...env } });
    const info = JSON.parse(stdout) as { engine: { candidates: Array<{ name: string; available: boolean; reason: string }> } };
    return info.engine.candidates.find((c) => c.name === 'native')!;
  } finally {
    tmp.cleanup();
  }
}

describe.skipIf(process.env.FER_NATIVE === 'off')('native kernel overrides from the environment', () => {
  it('FER_NATIVE_ISA=generic runs the generic kernels', async () => {
    const native = await nativeCandidate({ FER_NATIVE_ISA: 'generic', FER_NATIVE_PRECISION: 'bf16' });
    expect(native.available).toBe(true);
    expect(native.reason).toContain('our native kernels (generic)');
  });

  it('a wrong override turns the native engine off and says why', async () => {
    expect(await nativeCandidate({ FER_NATIVE_ISA: 'sse9' })).toMatchObject({ available: false, reason: expect.stringContaining('FER_NATIVE_ISA=sse9 is not one of avx512bf16, avx512, avx2, generic') });
    expect(await nativeCandidate({ FER_NATIVE_PRECISION: 'fp16' })).toMatchObject({ available: false, reason: expect.stringContaining('FER_NATIVE_PRECISION=fp16 is not one of fp32, bf16, auto') });
  });
});
