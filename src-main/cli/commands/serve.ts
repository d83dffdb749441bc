import { dirname, join, resolve } from 'node:path';
import type { Command } from '../command.ts';
import { UsageError } from '../args.ts';
import { DEFAULT_RENDERER_DIR, startServer } from '../../server/server.ts';
import { ensureRendererBuilt } from '../../server/renderer-build.ts';
import { openBrowser } from '../../server/open-browser.ts';
import { isLoopbackHost } from '../../server/access.ts';

export const command: Command = {
  summary: 'Serve the studio UI over HTTP (loopback by default) until Ctrl-C.',
  usage: 'serve [--port 0] [--host 127.0.0.1] [--token T | $FER_STUDIO_TOKEN] [--allow-host NAME[,NAME]] [--data-dir DIR] [--open]',
  async run({ flags, io, studio, workspacePath }) {
    const port = flags.int('port') ?? 0;
    const host = flags.string('host') ?? '127.0.0.1';
    const token = flags.string('token') ?? process.env.FER_STUDIO_TOKEN;
    const open = flags.bool('open');
    const allowHosts = (flags.string('allow-host') ?? '').split(',').map((h) => h.trim()).filter(Boolean);
    // The one folder the page may import from and export to, by name (never a path from the page).
    const dataDir = resolve(flags.string('data-dir') ?? defaultDataDir(workspacePath));
    flags.rejectUnknown();
    if (port < 0 || port > 65_535) throw new UsageError(`--port must be between 0 and 65535, got ${port}.`);
    ensureRendererBuilt(DEFAULT_RENDERER_DIR, io.err);
    if (flags.string('token') !== undefined) io.err('Note: a --token on the command line shows in the process list; FER_STUDIO_TOKEN keeps it out.');
    if (!isLoopbackHost(host)) {
      io.err(`Warning: listening on ${host}: the traffic (labels, images, the token) is plain HTTP that anyone on the network path can read.`);
      io.err('  Safer: keep the default 127.0.0.1 and reach it through an SSH tunnel: ssh -L 8080:127.0.0.1:PORT this-host');
    }
    const served = studio();
    served.setDataDir(dataDir);
    const server = await startServer({ studio: served, host, port, token, allowHosts, log: io.err });
    io.out(`FER Studio on ${workspacePath}`);
    io.out(`Data folder (import and export from the page): ${dataDir}`);
    io.out(`Open ${server.url}`);
    if (open) openBrowser(server.url, io.err);
    await new Promise<void>((done) => {
      const stop = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        io.err('Stopping…');
        void server.close().then(done);
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    return 0;
  },
};

/** Default data folder: `fer-studio-data` beside the workspace file (created on first use). */
export function defaultDataDir(workspacePath: string): string {
  return join(dirname(resolve(workspacePath)), 'fer-studio-data');
}
