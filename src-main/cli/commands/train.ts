import { definedOnly, UsageError } from '../args.ts';
import { ENGINE_NAMES, MODEL_NAMES, PRECISION_NAMES } from '../../../src-common/model-engine-names.ts';
import { TRAIN_PRESET_NAMES, TRAIN_PRESETS, type TrainPresetName } from '../../../src-common/train-defaults.ts';
import type { Command } from '../command.ts';
import { followJob, formatSeconds } from '../follow-job.ts';
import { printFinishedRun } from '../print-run.ts';
import { datasetClasses } from '../dataset-classes.ts';

/** The option that sets each startTrain field, for messages. */
const flagName = (field: string): string => ({ batchSize: 'batch-size', learningRate: 'lr', initFromRunId: 'fine-tune' })[field] ?? field;

export const command: Command = {
  summary: 'Train a model on the current labels (in a worker process); Ctrl-C cancels cleanly.',
  usage: `train [--preset ${TRAIN_PRESET_NAMES.join('|')}] [--model ${MODEL_NAMES.join('|')}] [--epochs N] [--engine ${ENGINE_NAMES.join('|')}] [--precision ${PRECISION_NAMES.join('|')}] [--limit N] [--batch-size N] [--lr X] [--optimizer sgd|adam] [--seed N] [--fine-tune RUN] [--resume RUN] [--json]`,
  async run({ flags, json, io, studio, api }) {
    const input = {
      model: flags.oneOf('model', MODEL_NAMES),
      epochs: flags.int('epochs'),
      engine: flags.oneOf('engine', ENGINE_NAMES),
      precision: flags.oneOf('precision', PRECISION_NAMES),
      limit: flags.int('limit'),
      batchSize: flags.int('batch-size'),
      learningRate: flags.number('lr'),
      optimizer: flags.oneOf('optimizer', ['sgd', 'adam'] as const),
      seed: flags.int('seed'),
      initFromRunId: flags.int('fine-tune'),
    };
    const resume = flags.int('resume');
    const preset = flags.string('preset');
    flags.rejectUnknown();
    if (preset !== undefined && !(TRAIN_PRESET_NAMES as readonly string[]).includes(preset)) {
      throw new UsageError(`Unknown preset "${preset}": use ${TRAIN_PRESET_NAMES.map((n) => `${n} (${TRAIN_PRESETS[n].purpose})`).join(', ')}.`);
    }
    if (preset !== undefined && resume !== undefined) throw new UsageError(`--resume continues run ${resume} with its own settings; --preset cannot change them.`);
    // A preset sets the model, epochs and early stopping; an option given beside it wins.
    const defined = { ...(preset === undefined ? {} : TRAIN_PRESETS[preset as TrainPresetName].settings), ...definedOnly(input) };
    const { epochs, ...recipe } = defined;
    if (resume !== undefined && Object.keys(recipe).length > 0) {
      throw new UsageError(`--resume continues run ${resume} with its own settings; only --epochs may change (got --${Object.keys(recipe).map(flagName).join(', --')}).`);
    }
    const s = studio();
    const client = api();
    if (resume === undefined && !json) {
      // What it will cost, before it starts: the same epochs over the same samples cost the same from scratch or fine-tuned.
      const { initFromRunId: _fineTune, ...settings } = defined;
      const scratch = (await client.planRetrain(settings)).options[0]!;
      const what = preset === undefined ? '' : `Preset ${preset} (${TRAIN_PRESETS[preset as TrainPresetName].purpose}): ${scratch.title.replace('From scratch: ', '')}. `;
      io.err(`${what}Estimated ${formatSeconds(scratch.estimateSeconds)} for ${scratch.trainSamples.toLocaleString('en-US')} training samples (from ${scratch.basis}).`);
    }
    const { jobId, runId } = resume === undefined ? await client.startTrain(defined) : await client.resumeTrain({ runId: resume, ...definedOnly({ epochs }) });
    if (!json) io.err(`Run ${runId} ${resume === undefined ? 'started' : 'resumed'} (job ${jobId}). Ctrl-C cancels.`);
    const job = await followJob(s, jobId, io, { quiet: json });
    const run = await client.getRun({ id: runId });
    if (json) io.out(JSON.stringify({ job, run }));
    else if (job.state === 'done') printFinishedRun(io, run, await datasetClasses(api));
    else io.err(`Run ${runId} ${job.state}${job.error ? `: ${job.error}` : ''}.`);
    return job.state === 'done' ? 0 : 1;
  },
};
