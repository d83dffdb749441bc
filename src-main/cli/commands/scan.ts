import { RANKING_NAMES } from '../../core/ml/noise/rankings.ts';
import { SUGGESTION_NAMES } from '../../core/ml/noise/suggestions.ts';
import { ENGINE_NAMES, MODEL_NAMES, PRECISION_NAMES } from '../../../src-common/model-engine-names.ts';
import { SCAN_PRESETS, SCAN_PRESET_NAMES } from '../../../src-common/scan-presets.ts';
import { SPLITS } from '../../../src-common/classes.ts';
import { UsageError, definedOnly } from '../args.ts';
import type { Command } from '../command.ts';
import { followJob, formatSeconds } from '../follow-job.ts';
import { formatScanTiming } from '../../../src-common/format-scan-timing.ts';

export const command: Command = {
  summary: 'Find likely label errors: k-fold out-of-fold scores + confident learning.',
  usage: 'scan [--preset thorough|fast-cpu] [--model M] [--folds K] [--epochs N] [--split S] [--limit N] [--quick] [--engine E] [--precision fp32|auto] [--workers N] [--ranking R] [--suggestion S] [--json]  |  scan --resume ID',
  async run({ flags, json, io, studio, api }) {
    const presetName = flags.oneOf('preset', SCAN_PRESET_NAMES);
    const preset = presetName ? SCAN_PRESETS[presetName] : {};
    const input = {
      ...preset,
      ...definedOnly({ model: flags.oneOf('model', MODEL_NAMES), folds: flags.int('folds'), epochs: flags.int('epochs') }),
      split: flags.oneOf('split', SPLITS),
      limit: flags.int('limit'),
      engine: flags.oneOf('engine', ENGINE_NAMES),
      precision: flags.oneOf('precision', PRECISION_NAMES),
      seed: flags.int('seed'),
      maxFlags: flags.int('max-flags'),
      workers: flags.int('workers'),
      ranking: flags.oneOf('ranking', RANKING_NAMES),
      suggestion: flags.oneOf('suggestion', SUGGESTION_NAMES),
      mode: flags.bool('quick') ? ('quick' as const) : undefined,
    };
    const resume = flags.int('resume');
    flags.rejectUnknown();
    if (input.mode && flags.int('folds') !== undefined) throw new UsageError('--quick trains one model on all samples; it takes no --folds.');
    const defined = definedOnly(input);
    if (resume !== undefined && Object.keys(defined).length > 0) throw new UsageError(`--resume continues scan ${resume} with its own settings; it takes no other scan option.`);
    const s = studio();
    const client = api();
    const { jobId, scanId } = resume === undefined ? await client.startScan(defined) : await client.resumeScan({ scanId: resume });
    if (!json) io.err(`Scan ${scanId} ${resume === undefined ? 'started' : 'resumed'} (job ${jobId}). Ctrl-C cancels.`);
    const job = await followJob(s, jobId, io, { quiet: json });
    const summary = (await client.listScans({})).find((x) => x.id === scanId);
    if (json) io.out(JSON.stringify({ job, scan: summary }));
    else if (job.state === 'done' && summary)
    {
      io.out(`Scan ${scanId} done in ${formatSeconds(summary.durationSeconds ?? 0)} on ${summary.engine}: ${summary.scored} scored, ${summary.issues} confident-learning issues, ${summary.flags} flagged for review.`);
      if (summary.timing) io.out(`Time: ${formatScanTiming(summary.timing, summary.folds)}.`);
    }
    else io.err(`Scan ${scanId} ${job.state}${job.error ? `: ${job.error}` : ''}.`);
    return job.state === 'done' ? 0 : 1;
  },
};
