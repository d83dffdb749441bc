import type { ScanSummary } from '../../core/api.ts';
import { SCAN_PRESETS, SCAN_PRESET_NAMES, type ScanPresetName } from '../../core/api/scan-presets.ts';
import { UsageError, definedOnly } from '../args.ts';
import type { Command } from '../command.ts';
import { followJob, formatSeconds } from '../follow-job.ts';

export const command: Command = {
  summary: 'Find likely label errors: k-fold out-of-fold scores + confident learning.',
  usage: 'scan [--preset thorough|fast-cpu] [--model M] [--folds K] [--epochs N] [--split S] [--limit N] [--quick] [--engine E] [--precision fp32|auto] [--workers N] [--ranking R] [--suggestion S] [--json]  |  scan --resume ID',
  async run({ flags, json, io, studio }) {
    const presetName = flags.string('preset');
    if (presetName !== undefined && !SCAN_PRESET_NAMES.includes(presetName as ScanPresetName)) throw new UsageError(`--preset must be one of ${SCAN_PRESET_NAMES.join(', ')}.`);
    const preset = presetName ? SCAN_PRESETS[presetName as ScanPresetName] : {};
    const input = {
      ...preset,
      ...definedOnly({ model: flags.string('model'), folds: flags.int('folds'), epochs: flags.int('epochs') }),
      split: flags.string('split'),
      limit: flags.int('limit'),
      engine: flags.string('engine'),
      precision: flags.string('precision'),
      seed: flags.int('seed'),
      maxFlags: flags.int('max-flags'),
      workers: flags.int('workers'),
      ranking: flags.string('ranking'),
      suggestion: flags.string('suggestion'),
      mode: flags.bool('quick') ? 'quick' : undefined,
    };
    const resume = flags.int('resume');
    flags.rejectUnknown();
    if (input.mode && flags.int('folds') !== undefined) throw new UsageError('--quick trains one model on all samples; it takes no --folds.');
    const defined = definedOnly(input);
    if (resume !== undefined && Object.keys(defined).length > 0) throw new UsageError(`--resume continues scan ${resume} with its own settings; it takes no other scan option.`);
    const s = studio();
    const { jobId, scanId } = (resume === undefined ? await s.call('startScan', defined) : await s.call('resumeScan', { scanId: resume })) as { jobId: string; scanId: number };
    if (!json) io.err(`Scan ${scanId} ${resume === undefined ? 'started' : 'resumed'} (job ${jobId}). Ctrl-C cancels.`);
    const job = await followJob(s, jobId, io, { quiet: json });
    const summary = ((await s.call('listScans', {})) as ScanSummary[]).find((x) => x.id === scanId);
    if (json) io.out(JSON.stringify({ job, scan: summary }));
    else if (job.state === 'done' && summary)
      io.out(`Scan ${scanId} done in ${formatSeconds(summary.durationSeconds ?? 0)} on ${summary.engine}: ${summary.scored} scored, ${summary.issues} confident-learning issues, ${summary.flags} flagged for review.`);
    else io.err(`Scan ${scanId} ${job.state}${job.error ? `: ${job.error}` : ''}.`);
    return job.state === 'done' ? 0 : 1;
  },
};
