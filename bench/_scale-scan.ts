/**
 * Child of the scale bench: `_scale-scan.ts DB LIMIT` runs a short real scan (quick, cnn-tiny, 1 epoch, LIMIT
 * samples) on the workspace, then times loadScanSet alone in this process: it reads every row of the split
 * before taking the stratified LIMIT, which is what a scan costs in memory on a big workspace.
 * Prints one JSON line; the parent measures the scan worker's memory from /proc.
 */
import { followJob } from '../src-main/cli/follow-job.ts';
import { loadScanSet } from '../src-main/core/ml/noise/scan-data.ts';
import { localClient } from '../src-main/core/studio/local-client.ts';
import { Studio } from '../src-main/core/studio/studio.ts';

const [db, limitArg] = process.argv.slice(2);
if (!db || !limitArg) throw new Error('usage: _scale-scan.ts DB LIMIT');
const limit = Number(limitArg);
const seconds = (from: number) => Number(((performance.now() - from) / 1000).toFixed(2));
const err = (l: string) => process.stderr.write(`  scan: ${l}\n`);

const studio = new Studio(db);
const t0 = performance.now();
const started = await localClient(studio).startScan({ mode: 'quick', model: 'cnn-tiny', epochs: 1, limit });
const job = await followJob(studio, started.jobId, { out: err, err }, { intervalMs: 15_000 });
const scanSeconds = seconds(t0);
if (job.state !== 'done') throw new Error(`scan ${job.state}: ${job.error ?? ''}`);
const rssBeforeLoadKb = process.resourceUsage().maxRSS;

err('timing loadScanSet alone…');
const l0 = performance.now();
const set = loadScanSet(studio.workspace, { split: 'Training', limit, seed: 1 });
const loadSeconds = seconds(l0);
const splitRows = (studio.workspace.db.prepare("SELECT COUNT(*) AS n FROM samples WHERE split = 'Training'").get() as { n: number }).n;
await studio.close();
console.log(
  JSON.stringify({
    scanId: started.scanId,
    scanSeconds,
    splitRows,
    loaded: set.count,
    loadScanSetSeconds: loadSeconds,
    rssBeforeLoadMb: Math.round(rssBeforeLoadKb / 1024),
    maxRssKb: process.resourceUsage().maxRSS, // loadScanSet's peak in this process (the door's own before it is rssBeforeLoadMb)
  }),
);
