import { CLASS_NAMES, parseClass } from '../../../src-common/classes.ts';
import { UsageError, definedOnly } from '../args.ts';
import type { Command } from '../command.ts';

export const command: Command = {
  summary: 'Misclassification triplets of a run: predicted-class example | misclassified sample | true-class example.',
  usage: 'triplets [--run ID] [--true CLASS] [--predicted CLASS] [--limit N] [--json]',
  async run({ api, flags, json, io }) {
    const cls = (name: string) => {
      const v = flags.string(name);
      if (v === undefined) return undefined;
      const c = parseClass(v);
      if (c === null) throw new UsageError(`--${name}: unknown class '${v}' (use 0-6 or ${CLASS_NAMES.join(', ')}).`);
      return c;
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
      io.out([t.sampleId, CLASS_NAMES[t.trueLabel], CLASS_NAMES[t.predictedLabel], t.confidence.toFixed(3), t.predictedExampleId ?? '-', t.trueExampleId ?? '-'].join('\t'));
    return 0;
  },
};
