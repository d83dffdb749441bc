import { writeFileAtomically } from '../../core/datasets/atomic-output.ts';
import { predictionsCsv } from '../../../src-common/predictions-csv.ts';
import { UsageError } from '../args.ts';
import type { Command } from '../command.ts';
import { checkOutputFile } from '../paths.ts';
import { parseRunArg } from '../run-arg.ts';

export const command: Command = {
  summary: "Class probabilities of image files (any format; folders: the files in them) by a run's model, as CSV.",
  usage: 'predict RUN|latest <image files or folders...> [--out preds.csv] [--force] [--json]',
  async run({ positionals, flags, json, io, api }) {
    const out = flags.string('out');
    const force = flags.bool('force');
    flags.rejectUnknown();
    const [runArg, ...paths] = positionals;
    if (runArg === undefined || paths.length === 0) throw new UsageError('Give a run (id or latest) and at least one image file or folder.');
    const runId = parseRunArg(runArg);
    if (out) checkOutputFile(out, force);
    const r = await api().predictFiles({ paths, ...(runId === undefined ? {} : { runId }) });
    // Bad files go to stderr by name with the reason, whatever the output format.
    for (const e of r.errors) io.err(`${e.file}: ${e.reason}`);
    const csv = predictionsCsv(r);
    if (out && r.predictions.length > 0) await writeFileAtomically(out, (sink) => sink.write(csv));
    if (json) io.out(JSON.stringify(out ? { ...r, out } : r));
    else if (out) io.out(`Predicted ${r.predictions.length} image${r.predictions.length === 1 ? '' : 's'} with run ${r.runId} into ${out}${r.errors.length ? `; ${r.errors.length} skipped (above)` : ''}.`);
    else io.out(csv.trimEnd());
    if (r.predictions.length === 0) {
      io.err(`No image could be predicted (${r.errors.length} file${r.errors.length === 1 ? '' : 's'} skipped).`);
      return 1;
    }
    return 0;
  },
};
