import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { basename, dirname, join } from 'node:path';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';

/** A byte sink with backpressure: `write` resolves once the stream can take more. */
export interface Sink {
  write(chunk: Buffer | string): Promise<void>;
}

/** A hidden name beside the target, so rename() stays on one file system and the target is never half-written. */
export function partialPathFor(out: string): string {
  return join(dirname(out), `.${basename(out)}.partial-${process.pid}-${Date.now()}`);
}

/**
 * Writes a file under a temporary name and renames it to `out` only when complete, so an interrupted
 * export never leaves a half file under the final name. Gzips when `out` ends in .gz.
 */
export async function writeFileAtomically(out: string, fill: (sink: Sink) => Promise<void>): Promise<void> {
  await mkdir(dirname(out), { recursive: true });
  const tmp = partialPathFor(out);
  const file = createWriteStream(tmp);
  const gz = out.toLowerCase().endsWith('.gz') ? createGzip({ level: 6 }) : null;
  const head: Writable = gz ?? file;
  const done = gz ? pipeline(gz, file) : once(file, 'finish');
  // A failed write surfaces through `done`; keep it from being an unhandled rejection meanwhile.
  done.catch(() => {});
  try {
    const sink: Sink = {
      async write(chunk) {
        if (!head.write(chunk)) await Promise.race([once(head, 'drain'), done]);
      },
    };
    await fill(sink);
    head.end();
    await done;
    await rename(tmp, out);
  } catch (e) {
    // The file may not be open yet (the stream opens it on a later tick): removing it before the stream has
    // closed lets a late open create it again, leaving a partial behind. So wait for the close first.
    const closed = file.closed ? Promise.resolve() : once(file, 'close').catch(() => {});
    head.destroy();
    file.destroy();
    await closed;
    await rm(tmp, { force: true });
    throw e;
  }
}
