import type { DuplicateGroup, DuplicateReport } from '../../core/api.ts';
import { UsageError } from '../args.ts';
import { datasetClasses } from '../dataset-classes.ts';
import type { Command, CommandIo } from '../command.ts';

const DEFAULT_SHOWN = 20;

export const command: Command = {
  summary: 'Near-duplicate images: how many groups, how often their labels conflict, which span splits; lists the largest.',
  usage: 'duplicates [--conflicts | --cross-split] [--limit N] [--json]',
  async run({ api, flags, json, io }) {
    const conflicts = flags.bool('conflicts');
    const crossSplit = flags.bool('cross-split');
    const limit = flags.int('limit') ?? (json ? 5000 : DEFAULT_SHOWN);
    flags.rejectUnknown();
    if (conflicts && crossSplit) throw new UsageError('Give --conflicts or --cross-split, not both.');
    if (limit < 0) throw new UsageError(`--limit must be 0 or more, got ${limit}.`);
    const report = await api().duplicates({ filter: conflicts ? 'conflicts' : crossSplit ? 'cross-split' : 'all', limit: Math.min(limit, 5000) });
    if (json) io.out(JSON.stringify(report));
    else printReport(report, conflicts ? 'with conflicting labels' : crossSplit ? 'spanning splits' : '', await datasetClasses(api), io);
    return 0;
  },
};

const n = (x: number) => x.toLocaleString('en-US');
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function printReport(r: DuplicateReport, which: string, classNames: readonly string[], io: CommandIo): void {
  io.out(`${n(r.groups)} groups of near-identical images: ${n(r.samplesInGroups)} of ${n(r.samples)} images (perceptual hashes within ${r.maxDistance} bits, or identical pixels; grouped in ${r.seconds.toFixed(1)} s).`);
  if (r.groups === 0) return;
  const sizes = Object.entries(r.sizes).map(([size, count]) => `${count} x ${size}`).join(', ');
  io.out(`  sizes: ${sizes} (largest ${r.largest}); ${n(r.exactGroups)} groups are exact pixel copies only`);
  io.out(`  conflicting original labels: ${n(r.conflicting)} groups (${pct(r.conflictRate)}); still conflicting with the current labels: ${n(r.conflictingNow)}`);
  io.out(`  spanning splits: ${n(r.crossSplit)} groups (${n(r.trainingTest)} with a Training copy of a PublicTest or PrivateTest image)`);
  if (r.items.length === 0) return;
  io.out('');
  io.out(`${r.items.length < r.total ? `The ${r.items.length} largest of ${n(r.total)} groups` : `${n(r.total)} groups`}${which ? ' ' + which : ''} (sample:label@split; label now after -> when changed, [x] excluded):`);
  io.out(['group', 'size', 'kind', 'conflict', 'copies'].join('\t'));
  for (const g of r.items) io.out([g.id, g.members.length, g.exact ? 'exact' : 'near', conflictOf(g), g.members.map((m) => copyText(m, classNames)).join(' ')].join('\t'));
}

function conflictOf(g: DuplicateGroup): string {
  if (g.labelConflict) return g.conflictNow ? 'yes' : 'resolved';
  return g.conflictNow ? 'now' : '-';
}

function copyText(m: DuplicateGroup['members'][number], classNames: readonly string[]): string {
  const label = classNames[m.originalLabel] + (m.label !== m.originalLabel ? `->${classNames[m.label]}` : '');
  return `${m.sampleId}:${label}@${m.split}${m.excluded ? '[x]' : ''}`;
}
