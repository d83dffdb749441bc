/**
 * Child of the scale bench: `_scale-import.ts CSV DB` imports CSV into a new workspace DB through the real
 * importer and prints one JSON line: seconds per phase (from the job's progress events) and this process's peak RSS.
 * Its own process, so the peak is the import's alone.
 */
import { readFer2013Csv } from '../src-main/core/datasets/fer2013-csv-reader.ts';
import { DuplicateStore } from '../src-main/core/store/duplicates.ts';
import { localClient } from '../src-main/core/studio/local-client.ts';
import { Studio } from '../src-main/core/studio/studio.ts';

const [csv, db] = process.argv.slice(2);
if (!csv || !db) throw new Error('usage: _scale-import.ts CSV DB');
const seconds = (from: number, to = performance.now()) => Number(((to - from) / 1000).toFixed(2));

const studio = new Studio(db);
const t0 = performance.now();
let firstRead = 0;
let lastRead = 0;
let lastSay = 0;
const off = studio.subscribe((e) => {
  // 'reading fer2013.csv.gz: N rows' comes once rows are read (the job's opening phase names the file only)
  if (e.type !== 'job' || !/^reading .*: [\d,]+ rows$/.test(e.job.progress.phase)) return;
  lastRead = performance.now();
  firstRead ||= lastRead;
  if (lastRead - lastSay > 10_000) (lastSay = lastRead), process.stderr.write(`  import: ${e.job.progress.phase}\n`);
});
const report = await localClient(studio).importFer2013({ path: csv });
const end = performance.now();
off();
const importRssKb = process.resourceUsage().maxRSS;
// A large workspace groups its near-duplicates in a worker after the import returns: wait for it, as the CLI does.
process.stderr.write(`  import: done in ${seconds(t0, end)} s; ${report.groupingDuplicates ? 'grouping near-duplicates in a worker…' : 'grouped in process'}\n`);
const g0 = performance.now();
await localClient(studio).duplicates({ limit: 0 });
const groupingWaitSeconds = seconds(g0);
const grouping = new DuplicateStore(studio.workspace.db).stamp();
const groupedSamples = (studio.workspace.db.prepare('SELECT COUNT(*) AS n FROM duplicate_members').get() as { n: number }).n;
await studio.close();
const maxRssKb = process.resourceUsage().maxRSS; // before the parse-only pass below, which is not the import

// The same file through the reader alone: how much of "read + insert" is gunzip and parsing.
process.stderr.write('  import: timing gunzip + parse alone…\n');
const p0 = performance.now();
let parsed = 0;
for await (const items of readFer2013Csv(csv)) parsed += items.length;

console.log(
  JSON.stringify({
    imported: report.imported,
    skipped: report.skipped.length,
    seconds: seconds(t0, end),
    fingerprintSeconds: seconds(t0, firstRead || end),       // sha256 of the file before anything is read
    readInsertSeconds: seconds(firstRead || t0, lastRead || end), // gunzip + parse + SQLite inserts, interleaved
    commitGroupSeconds: seconds(lastRead || t0, end),        // commit (and near-duplicate grouping when in process)
    groupedInWorker: report.groupingDuplicates,
    groupingWaitSeconds,                                      // after the import returned, until the groups were made
    importRssKb,                                              // this process's peak when the import returned
    groupingSeconds: grouping ? Number(grouping.seconds.toFixed(2)) : null, // hashing + grouping, without writing the members
    groupedSamples,
    parseOnlySeconds: seconds(p0),
    parsedRows: parsed,
    maxRssKb,
  }),
);
