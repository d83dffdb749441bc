import { UsageError } from '../args.ts';
import type { Command } from '../command.ts';
import { checkOutputFolder } from '../paths.ts';
import { parseRunArg } from '../run-arg.ts';

export const command: Command = {
  summary: "Export a run's model as a standard TF.js layers model (model.json, weights.bin, model-info.json) for use outside the studio.",
  usage: 'export-model [RUN|latest] --out DIR [--json]',
  async run({ positionals, flags, json, io, api }) {
    const out = flags.string('out');
    flags.rejectUnknown();
    if (positionals.length > 1) throw new UsageError('Give at most one run id.');
    if (!out) throw new UsageError('--out DIR is required (a new or empty folder).');
    const runId = parseRunArg(positionals[0]);
    checkOutputFolder(out);
    const r = await api().exportModel({ out, ...(runId === undefined ? {} : { runId }) });
    const total = r.files.reduce((n, f) => n + f.bytes, 0);
    io.out(json ? JSON.stringify(r) : `Exported run ${r.runId} to ${r.out}: ${r.files.map((f) => f.name).join(', ')} (${(total / 1e6).toFixed(1)} MB).`);
    return 0;
  },
};
