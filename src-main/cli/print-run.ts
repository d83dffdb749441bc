import type { RunDetail } from '../core/api.ts';
import type { CommandIo } from './command.ts';
import { formatSeconds } from './follow-job.ts';

const pct = (x: number | null | undefined) => (x == null ? '-' : `${(x * 100).toFixed(2)}%`);

/** A finished run's evaluation: accuracy on its labels and the FER+ majority, then per-class precision/recall/F1. */
export function printFinishedRun(io: CommandIo, run: RunDetail, classNames: readonly string[]): void {
  const what = run.kind === 'ensemble' ? 'fold ensemble (nothing trained)' : `${run.epochs} epochs`;
  io.out(`Run ${run.id} done in ${formatSeconds(run.durationSeconds ?? 0)} on ${run.engine}: ${what}, validation ${pct(run.valAccuracy)}, test ${pct(run.testAccuracy)}.`);
  if (run.ferPlus.available) {
    const f = run.ferPlus.test ?? run.ferPlus.validation;
    const out = f ? f.leftOut.noMajority + f.leftOut.notAClass + f.leftOut.noVotes : 0;
    io.out(`  on the FER+ majority: validation ${pct(run.valAccuracyFerPlus)}, test ${pct(run.testAccuracyFerPlus)} (${f?.split ?? '-'}: ${out} samples without a 7-class majority left out)`);
  } else io.out(`  FER+: ${run.ferPlus.reason}`);
  const m = run.test ?? run.validation;
  if (m) for (const [k, c] of m.perClass.entries()) io.out(`  ${(classNames[k] ?? String(k)).padEnd(9)} P ${pct(c.precision)}  R ${pct(c.recall)}  F1 ${pct(c.f1)}  n=${c.support}`);
}
