import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunDetail, RunSummary } from '../../../src-main/core/api.ts';
import { Studio } from '../../../src-main/core/studio/studio.ts';
import { cli } from '../../helpers/capture-io.ts';
import { stratifiedFerRows, writeFerCsv, writeFerPlusVotes } from '../../helpers/fer-rows.ts';
import { tempDir } from '../../helpers/temp-workspace.ts';

const tmp = tempDir();
const ws = ['--workspace', tmp.path('w.db')];

beforeAll(async () => {
  const rows = [...(await stratifiedFerRows(12, { split: 'Training' })), ...(await stratifiedFerRows(4, { split: 'PublicTest' }))];
  writeFerCsv(tmp.path('fer.csv'), rows);
  writeFerPlusVotes(tmp.path('votes.csv'), rows);
  expect((await cli('import', tmp.path('fer.csv'), '--votes', tmp.path('votes.csv'), ...ws)).code).toBe(0);
});
afterAll(() => tmp.cleanup());

// train and train --resume through runCli on real FER2013 rows (one short cnn-tiny epoch in a worker process).
describe('fer-studio train', () => {
  let runId: number;

  it('trains and reports the finished run as JSON', async () => {
    const r = await cli('train', '--model', 'cnn-tiny', '--epochs', '1', '--engine', 'wasm', '--precision', 'auto', '--json', ...ws);
    expect(r.code, r.err.join('\n')).toBe(0);
    const { job, run } = r.json() as { job: { state: string }; run: RunDetail };
    expect(job.state).toBe('done');
    expect(run).toMatchObject({ status: 'done', model: 'cnn-tiny', epochs: 1 });
    // The setting is recorded with the run; its engine report says what ran (wasm: always fp32).
    expect(run.config.precision).toBe('auto');
    expect(run.engineReport.precision).toBe('fp32');
    runId = run.id;
    // Both evaluations: the split's labels, and the FER+ majority with the samples left out counted.
    const val = run.validation!;
    expect(run.ferPlus.available).toBe(true);
    const fer = run.ferPlus.available ? run.ferPlus.validation! : null;
    const scored = fer!.perClass.reduce((n, c) => n + c.support, 0);
    const leftOut = fer!.leftOut.noMajority + fer!.leftOut.notAClass + fer!.leftOut.noVotes;
    expect(scored + leftOut).toBe(val.perClass.reduce((n, c) => n + c.support, 0)); // 28 PublicTest rows, every one counted
    expect(fer!.leftOut.noVotes).toBe(0);
    expect(run.valAccuracyFerPlus).toBe(fer!.accuracy);
    const listed = (await cli('runs', '--json', ...ws)).json() as RunSummary[];
    expect(listed[0]).toMatchObject({ id: run.id, valAccuracyFerPlus: fer!.accuracy, valAccuracy: val.accuracy });
  }, 120_000);

  it('--resume keeps the run\'s own settings: another recipe is a usage error', async () => {
    const r = await cli('train', '--resume', String(runId), '--model', 'vgg-fer', '--lr', '0.1', ...ws);
    expect(r.code).toBe(2);
    expect(r.err.join('\n')).toContain('only --epochs may change (got --model, --lr)');
  });

  it('--resume refuses a finished run and an unknown one', async () => {
    const done = await cli('train', '--resume', String(runId), ...ws);
    expect(done.code).toBe(1);
    expect(done.err.join('\n')).toContain('already finished');
    const missing = await cli('train', '--resume', '99', ...ws);
    expect(missing.code).toBe(1);
    expect(missing.err.join('\n')).toContain('No run with id 99');
  });

  it('--preset sets the model, epochs and early stopping, an option beside it wins, and the estimate names the preset', async () => {
    const r = await cli('train', '--preset', 'best', '--model', 'cnn-tiny', '--epochs', '1', '--engine', 'wasm', ...ws);
    expect(r.code, r.err.join('\n')).toBe(0);
    expect(r.err.join('\n')).toMatch(/^Preset best \(hours: leave it overnight\): cnn-tiny, 1 epochs\. Estimated \d/m);
    const [latest] = (await cli('runs', '--json', ...ws)).json() as RunSummary[];
    const studio = new Studio(tmp.path('w.db'));
    try {
      const detail = (await studio.call('getRun', { id: latest!.id })) as RunDetail;
      expect(detail.config).toMatchObject({ model: 'cnn-tiny', epochs: 1, earlyStoppingPatience: 0 });
    } finally {
      await studio.close();
    }
  }, 120_000);

  it('--preset names an unknown preset with the ones there are', async () => {
    const r = await cli('train', '--preset', 'fastest', ...ws);
    expect(r.code).toBe(2);
    expect(r.err.join('\n')).toContain('Unknown preset "fastest": use quick (minutes: try the loop), balanced');
  });
});
