import { definedOnly } from '../args.ts';
import type { Command } from '../command.ts';
import { classArg, datasetClasses } from '../dataset-classes.ts';

export const command: Command = {
  summary: 'Misclassification triplets of a run: predicted-class example | misclassified sample | true-class example.',
  usage: 'triplets [--run ID] [--true CLASS] [--predicted CLASS] [--limit N] [--json]',
  async run({ api, flags, json, io }) {
    const classes = await datasetClasses(api);
    const cls = (name: string) => {
      const v = flags.string(name);
      return v === undefined ? undefined : classArg(classes, v, `--${name}`);
    };
    const input = { runId: flags.int('run'), trueLabel: cls('true'), predictedLabel: cls('predicted'), limit: flags.int('limit') };
    flags.rejectUnknown();
    const defined = definedOnly(input);
    const triplets = await api().triplets(defined);
    if (json) {
      io.out(JSON.stringify(triplets));
      return 0;
    }
    io.out(['sample', 'true', 'predicted', 'confidence', 'predicted-example', 'true-example'].join('\t'));
    for (const t of triplets)
      io.out([t.sampleId, classes[t.trueLabel], classes[t.predictedLabel], t.confidence.toFixed(3), t.predictedExampleId ?? '-', t.trueExampleId ?? '-'].join('\t'));
    return 0;
  },
};
