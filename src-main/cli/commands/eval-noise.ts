import type { Command } from '../command.ts';

const pct = (v: number) => (Number.isNaN(v) ? 'n/a' : v.toFixed(3));

export const command: Command = {
  summary: 'Score the latest scan\'s ranking against the FER+ majority (AUROC, AP, precision@k).',
  usage: 'eval-noise [--scan ID] [--json]',
  async run({ api, flags, json, io }) {
    const scanId = flags.int('scan');
    flags.rejectUnknown();
    const r = await api().evalNoise(scanId === undefined ? {} : { scanId });
    if (json) {
      io.out(JSON.stringify(r));
      return 0;
    }
    io.out(`Scan ${r.scanId} against FER+ (${r.truthSamples} samples with a majority: ${r.clean} clean, ${r.noisy} noisy)`);
    io.out(`  AUROC ${pct(r.auroc)}   average precision ${pct(r.averagePrecision)}`);
    io.out(`  precision@k  ${Object.entries(r.precisionAt).map(([k, v]) => `@${k} ${pct(v)}`).join('   ')}`);
    io.out(`  suggested label = FER+ majority on noisy samples: ${pct(r.suggestedAccuracyOnNoisy)}`);
    io.out(`  confident-learning issue set: precision ${pct(r.issueSetPrecision)}, recall ${pct(r.issueSetRecall)}`);
    io.out(`  out-of-fold model accuracy: ${pct(r.modelAccuracy)} on the given labels, ${pct(r.modelAccuracyVsFerPlus)} on the FER+ majority`);
    return 0;
  },
};
