/**
 * The GPU bundle's entry (bundled by build.mjs into .gpu-bundle/bundle.cjs): `bundle.cjs [train] [flags]` runs
 * bench/train.ts with the same flags (--engine, --model, --batch, --steps, --profile, --json, --data). Without
 * --data it reads the FERU8 sample file packed beside the bundle (fer2013-train.u8.gz). Errors are one line
 * on stderr and exit status 1 (2 for a usage error), not a stack trace.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { run } from '../../bench/train.ts';
import { UsageError } from '../../src-main/cli/args.ts';
import { ENGINE_NAMES, MODEL_NAMES } from '../../src-main/core/api/train-api.ts';

const BUNDLED_DATA = 'fer2013-train.u8.gz';

const USAGE = `usage: run.sh [--engine ${ENGINE_NAMES.join('|')}] [--model ${MODEL_NAMES.join('|')}|all] [--batch N] [--steps N] [--profile] [--json] [--data FILE]`;
const args = process.argv.slice(2);
if (args[0] === 'train') args.shift();
if (args.includes('--help') || args.includes('-h')) {
  console.log(`${USAGE}\nDefaults: --engine auto --model all --batch 64 --steps 5, data: ${BUNDLED_DATA} beside bundle.cjs.`);
  process.exit(0);
}
if (!args.some((a) => a === '--data' || a.startsWith('--data='))) {
  // process.argv[1] is bundle.cjs itself: its folder holds the data file.
  const data = join(dirname(process.argv[1]!), BUNDLED_DATA);
  if (existsSync(data)) args.push('--data', data);
}

run(args).then(
  () => process.exit(0), // Dawn can keep the event loop alive after the last step
  (e: unknown) => {
    console.error(`error: ${e instanceof Error ? e.message : String(e)}`);
    const message = e instanceof Error ? e.message : '';
    if (e instanceof UsageError || message.startsWith('--')) console.error(USAGE);
    if (message.includes(BUNDLED_DATA) && message.includes('fewer than')) console.error('The bundle packs too few rows for this --batch: rebuild it with `npm run gpu-bundle -- --rows N`.');
    process.exit(e instanceof UsageError ? 2 : 1);
  },
);
