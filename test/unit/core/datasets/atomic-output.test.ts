import { describe, expect, it, vi } from 'vitest';
import * as fs from 'node:fs';
import { readdirSync } from 'node:fs';
import { writeFileAtomically } from '../../../../src-main/core/datasets/atomic-output.ts';
import { tempDir } from '../../../helpers/temp-workspace.ts';

// A loaded machine can open a stream's file after the code beside it has already cleaned up (CI once left
// `.half.csv.partial-…` behind). Opening 100 ms late makes that order certain here.
vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  const lateOpen = { ...real, open: (...args: unknown[]) => setTimeout(() => (real.open as (...a: unknown[]) => void)(...args), 100) };
  return {
    ...real,
    createWriteStream: (path: fs.PathLike, options?: object) => real.createWriteStream(path, { ...options, fs: lateOpen }),
  };
});

describe('writeFileAtomically when the file opens late', () => {
  it.each(['late.csv', 'late.csv.gz'])('leaves no partial %s behind when the fill fails at once', async (name) => {
    const tmp = tempDir();
    await expect(
      writeFileAtomically(tmp.path(name), async (sink) => {
        void sink.write('emotion,pixels,Usage\n');
        throw new Error('disk gone');
      }),
    ).rejects.toThrow('disk gone');
    // Give a late open every chance to create the file after the call has returned.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(readdirSync(tmp.dir)).toEqual([]);
  });

  it('still writes the whole file when nothing fails', async () => {
    const tmp = tempDir();
    await writeFileAtomically(tmp.path('ok.csv'), async (sink) => {
      await sink.write('a,b\n');
    });
    expect(readdirSync(tmp.dir)).toEqual(['ok.csv']);
    expect(fs.readFileSync(tmp.path('ok.csv'), 'utf8')).toBe('a,b\n');
  });
});
