import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { PROBE_ENGINES_FLAG, probeEnginesInWorker } from '../../../../src-main/core/jobs/engine-probe-child.ts';
import { launchNodeWorker } from '../../../../src-main/core/jobs/launch-node-worker.ts';
import { WORKER_ENTRY } from '../../../../src-main/core/jobs/worker-entries.ts';
import { Studio } from '../../../../src-main/core/studio/studio.ts';
import { localClient } from '../../../../src-main/core/studio/local-client.ts';
import { tempDir } from '../../../helpers/temp-workspace.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

describe('engines are probed in a worker process, not in the door', () => {
  it('the engines method asks a worker once per door, and a retrain plan reuses its answer', async () => {
    const launches: Array<{ entry: string; args: string[] }> = [];
    const studio = new Studio(tmp.path('w.db'), { launchWorker: (entry, args) => (launches.push({ entry, args }), launchNodeWorker(entry, args)) });
    try {
      const api = localClient(studio);
      const report = await api.engines({});
      expect(launches).toEqual([{ entry: WORKER_ENTRY, args: [PROBE_ENGINES_FLAG] }]);
      expect(report.candidates.map((c) => c.name)).toEqual(['tensorflow-gpu', 'tensorflow', 'webgpu', 'native', 'wasm', 'cpu']);
      expect(report.candidates.find((c) => c.name === 'wasm')).toMatchObject({ available: true, trains: true });
      expect(report.selected).toBe(report.candidates.find((c) => c.trains)!.name);
      await api.engines({});
      await api.planRetrain({});
      expect(launches).toHaveLength(1);
    } finally {
      await studio.close();
    }
  }, 120_000);

  it('a worker that ends without answering is an error that says so, with its last words', async () => {
    const script = tmp.path('mute.cjs');
    writeFileSync(script, "console.error('no engines for you'); process.exit(3);");
    await expect(probeEnginesInWorker(() => launchNodeWorker(script, []))).rejects.toThrow(/engine probe ended without an answer \(exit code 3\)\. Last message: no engines for you/);
  });
});
