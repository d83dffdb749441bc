/**
 * A duration for people: 42s, 3m05s, 2h07m (`sep` goes between the parts: the UI uses a space).
 * Rounds once, so 59.6 s reads 1m00s, never 0m60s. Shared by the CLI and the renderer (no dependencies).
 */
export function formatDuration(seconds: number, sep = ''): string {
  const total = Math.round(seconds);
  const m = Math.floor(total / 60);
  if (m >= 60) return `${Math.floor(m / 60)}h${sep}${String(m % 60).padStart(2, '0')}m`;
  return m > 0 ? `${m}m${sep}${String(total % 60).padStart(2, '0')}s` : `${total}s`;
}
