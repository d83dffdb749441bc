/**
 * Child process of concurrent-writers.test.ts: `relabel-loop.ts <workspace> <sampleId> <times>`.
 * Opens the workspace through a Studio, says "ready", waits for "go" on stdin (so both writers start
 * together), then relabels its sample `times` times (every call changes the label: one event each) and
 * prints how many calls succeeded and the first errors.
 */
import { once } from 'node:events';
import { Studio } from '../../../../src-main/core/studio/studio.ts';
import type { SampleDetail } from '../../../../src-main/core/api.ts';

const [path, sampleArg, timesArg] = process.argv.slice(2);
const sampleId = Number(sampleArg);
const times = Number(timesArg);
const studio = new Studio(path!);
const start = ((await studio.call('getSample', { id: sampleId })) as SampleDetail).label;
process.stdout.write('ready\n');
await once(process.stdin, 'data');

let ok = 0;
const errors: string[] = [];
for (let i = 0; i < times; i++) {
  try {
    await studio.call('setLabel', { ids: [sampleId], label: (start + 1 + (i % 2)) % 7 });
    ok++;
  } catch (e) {
    errors.push(e instanceof Error ? e.message : String(e));
  }
}
await studio.close();
process.stdout.write(`${JSON.stringify({ ok, failed: errors.length, errors: errors.slice(0, 3) })}\n`);
