import { UsageError } from './args.ts';

/** A RUN argument: a run id, or `latest` / nothing for the latest finished run (undefined). */
export function parseRunArg(text: string | undefined): number | undefined {
  if (text === undefined || text === 'latest') return undefined;
  if (!/^[1-9]\d*$/.test(text)) throw new UsageError(`'${text}' is not a run id (a number, or latest; \`fer-studio runs\` lists them).`);
  return Number(text);
}
