import { createReadStream, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import type { WorkspaceInfo } from '../../../../src-main/core/api.ts';
import { DEMO_CSV, DEMO_VOTES, demoFiles, openDemoWorkspace } from '../../../../src-main/core/demo/demo-workspace.ts';
import { Studio } from '../../../../src-main/core/studio/studio.ts';
import { fer2013Path, ferPlusPath } from '../../../helpers/fer-rows.ts';
import { tempDir } from '../../../helpers/temp-workspace.ts';

const DEMO_DIR = resolve(import.meta.dirname, '../../../../resources/demo');

async function gzLines(path: string): Promise<string[]> {
  const lines: string[] = [];
  for await (const l of createInterface({ input: createReadStream(path).pipe(createGunzip()), crlfDelay: Infinity })) lines.push(l);
  return lines;
}

describe('demo workspace (resources/demo)', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('first open imports the demo with its FER+ votes, all 7 classes in every split; the next open imports nothing', async () => {
    const started = performance.now();
    const first = await openDemoWorkspace(tmp.dir, DEMO_DIR, (p) => new Studio(p));
    const seconds = (performance.now() - started) / 1000;
    expect(first.path).toBe(tmp.path('demo-workspace.db'));
    expect(first.imported).toMatchObject({ imported: 2100, skipped: [], votes: { imported: 2100 } });
    const info = (await first.studio.call('info', {})) as WorkspaceInfo;
    expect(info.samples).toBe(2100);
    expect(info.votes).toBe(2100);
    expect(info.counts.Training).toEqual([210, 57, 214, 348, 246, 174, 251]);
    expect(info.counts.PublicTest).toEqual([40, 15, 42, 66, 51, 37, 49]);
    expect(info.counts.PrivateTest).toEqual([41, 15, 44, 65, 48, 37, 50]);
    await first.studio.close();
    console.log(`demo import: 2100 rows + votes in ${seconds.toFixed(2)} s`);

    const again = await openDemoWorkspace(tmp.dir, DEMO_DIR, (p) => new Studio(p));
    expect(again.imported).toBeNull();
    expect(((await again.studio.call('info', {})) as WorkspaceInfo).samples).toBe(2100);
    await again.studio.close();
  });

  it('says which file is missing when the demo data is absent', () => {
    expect(() => demoFiles(tmp.path('nowhere'))).toThrow(/The demo data is missing: .*fer2013-demo\.csv\.gz does not exist/);
  });

  it('holds the original FER2013 and FER+ lines of the rows listed in rows.txt, in original order', async () => {
    const rows = readFileSync(resolve(DEMO_DIR, 'rows.txt'), 'utf8').trim().split('\n').map(Number);
    const demo = await gzLines(resolve(DEMO_DIR, DEMO_CSV));
    const original = await gzLines(fer2013Path());
    expect(demo[0]).toBe(original[0]);
    expect(demo.length - 1).toBe(rows.length);
    rows.forEach((r, i) => {
      if (demo[i + 1] !== original[r + 1]) throw new Error(`demo row ${i} differs from original row ${r}`);
    });
    const votes = readFileSync(resolve(DEMO_DIR, DEMO_VOTES), 'utf8').split('\n');
    const originalVotes = readFileSync(ferPlusPath(), 'utf8').split('\n');
    expect(votes[0]).toBe(originalVotes[0]);
    rows.forEach((r, i) => expect(votes[i + 1]).toBe(originalVotes[r + 1]));
  }, 60_000);
});
