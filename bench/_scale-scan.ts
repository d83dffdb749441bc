/**
 * Child of the scale bench, each mode in a process of its own so the parent's /proc readings are of it alone:
 *  - `_scale-scan.ts DB LIMIT scan`: a short real scan (quick, cnn-tiny, 1 epoch, LIMIT samples) on the workspace;
 *  - `_scale-scan.ts DB LIMIT load`: loadScanSet alone, as the scan's worker runs it first: it reads every row
 *    of the split before taking the stratified LIMIT, which is what a scan costs in memory on a big workspace.
 * Prints one JSON line.
 */
import { followJob } from '../src-main/cli/follow-job.ts';
import { loadScanSet } from '../src-main/core/ml/noise/scan-data.ts';
import { localClient } from '../src-main/core/studio/local-client.ts';
import { Studio } from '../src-main/core/studio/studio.ts';

const [db, limitArg, mode] = process.argv.slice(2);
if (!db || !limitArg || (mode !== 'scan' && mode !== 'load')) throw new Error('usage: _scale-scan.ts DB LIMIT scan|load');
const limit = Number(limitArg);
const seconds = (from: number) => Number(((performance.now() - from) / 1000).toFixed(2));
const err = (l: string) => process.stderr.write(`  scan: ${l}\n`);

const studio = new Studio(db);
const t0 = performance.now();
let out: Record<string, number>;
if (mode === 'scan') {
  const started = await localClient(studio).startScan({ mode: 'quick', model: 'cnn-tiny', epochs: 1, limit });
  const job = await followJob(studio, started.jobId, { out: err, err }, { intervalMs: 15_000 });
  if (job.state !== 'done') throw new Error(`scan ${job.state}: ${job.error ?? ''}`);
  out = { scanId: started.scanId, scanSeconds: seconds(t0) };
} else {
  const set = loadScanSet(studio.workspace, { split: 'Training', limit, seed: 1 });
  const splitRows = (studio.workspace.db.prepare("SELECT COUNT(*) AS n FROM samples WHERE split = 'Training'").get() as { n: number }).n;
  out = { loadScanSetSeconds: seconds(t0), splitRows, loaded: set.count };
}
await studio.close();
console.log(JSON.stringify({ ...out, maxRssKb: process.resourceUsage().maxRSS }));
