import { UsageError } from '../args.ts';
import type { Command } from '../command.ts';
import { formatSplitCounts } from '../format-counts.ts';
import { channelsName } from '../../../src-common/dataset.ts';

export const command: Command = {
  summary: 'Show the workspace: samples per split and class, votes, edits, sources, engine.',
  usage: 'info [--json]',
  async run({ positionals, flags, json, io, api }) {
    flags.rejectUnknown();
    if (positionals.length) throw new UsageError(`info takes no arguments, got '${positionals.join(' ')}'.`);
    const client = api();
    const info = await client.info({});
    // The engine report comes from the ML side; a failure there must not hide the data summary.
    let engine: unknown;
    try {
      engine = await client.engines({});
    } catch (e) {
      engine = { error: e instanceof Error ? e.message : String(e) };
    }
    if (json) {
      io.out(JSON.stringify({ ...info, engine }));
      return 0;
    }
    io.out(`Workspace ${info.path} (schema v${info.schemaVersion}): ${info.dataset.name}, ${info.dataset.classes.length} classes, ${info.dataset.side}x${info.dataset.side} ${channelsName(info.dataset.channels)}${info.dataset.mirrorable ? '' : ', never mirrored (its classes change when flipped)'}`);
    io.out(`${info.samples} samples, ${info.votes} with FER+ votes, ${info.excluded} excluded, ${info.changed} relabelled; label version ${info.labelVersion}` + `${info.canUndo ? ', undo available' : ''}${info.canRedo ? ', redo available' : ''}.`);
    if (info.samples) for (const line of formatSplitCounts(info.counts, info.dataset.classes)) io.out('  ' + line);
    for (const src of info.sources) io.out(`source ${src.id}: ${src.kind} ${src.path} (${src.rows} rows, ${src.importedAt})`);
    io.out(`engine: ${describeEngine(engine)}`);
    return 0;
  },
};

function describeEngine(engine: unknown): string {
  if (engine && typeof engine === 'object' && 'error' in engine) return `unavailable (${String((engine as { error: unknown }).error)})`;
  return JSON.stringify(engine);
}
