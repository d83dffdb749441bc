import { spawn } from 'node:child_process';

/** Opens a URL in the person's default browser; failure only prints (the URL is printed anyway). */
export function openBrowser(url: string, say: (line: string) => void): void {
  const [cmd, args] = process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]] : ['xdg-open', [url]];
  try {
    const child = spawn(cmd, args as string[], { stdio: 'ignore', detached: true });
    child.on('error', () => say(`Could not open a browser (${cmd}); open the URL yourself.`));
    child.unref();
  } catch {
    say(`Could not open a browser (${cmd}); open the URL yourself.`);
  }
}
