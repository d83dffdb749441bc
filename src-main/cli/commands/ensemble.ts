import type { Command } from '../command.ts';
import { followJob } from '../follow-job.ts';
import { printFinishedRun } from '../print-run.ts';
import { datasetClasses } from '../dataset-classes.ts';

export const command: Command = {
  summary: "Evaluate a finished scan's fold models, averaged, as a run of their own (no training); it can start a fine-tune.",
  usage: 'ensemble [--scan ID] [--json]',
  async run({ flags, json, io, studio, api }) {
    const scanId = flags.int('scan');
    flags.rejectUnknown();
    const client = api();
    const { jobId, runId } = await client.evaluateEnsemble(scanId === undefined ? {} : { scanId });
    if (!json) io.err(`Run ${runId}: the fold ensemble of scan ${scanId ?? '(latest)'} (job ${jobId}). Ctrl-C cancels.`);
    const job = await followJob(studio(), jobId, io, { quiet: json });
    const run = await client.getRun({ id: runId });
    if (json) io.out(JSON.stringify({ job, run }));
    else if (job.state === 'done') printFinishedRun(io, run, await datasetClasses(api));
    else io.err(`Run ${runId} ${job.state}${job.error ? `: ${job.error}` : ''}.`);
    return job.state === 'done' ? 0 : 1;
  },
};
