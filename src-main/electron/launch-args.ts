/**
 * Which workspace the app was asked to open: `--workspace W`, `--workspace=W`, or a bare path ending in .db.
 * Chromium and Electron switches (`--no-sandbox`, `--enable-logging`...) and the app path are ignored.
 */
export function workspaceFromArgv(argv: readonly string[]): string | null {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--workspace') return argv[i + 1] ?? null;
    if (a.startsWith('--workspace=')) return a.slice('--workspace='.length) || null;
  }
  return argv.find((a) => !a.startsWith('-') && /\.(db|sqlite)$/i.test(a)) ?? null;
}
