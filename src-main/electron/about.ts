import type { EngineReport } from '../core/api/train-api.ts';

export interface AboutFacts {
  appVersion: string;
  versions: { electron?: string; node?: string; chrome?: string };
  workspacePath: string | null;
  /** The `engines` API result, or why it could not be read. */
  engines: EngineReport | { error: string };
}

/** The About dialog's detail text: versions, the workspace, which TF.js engine trains and why the others do not. */
export function formatAbout(facts: AboutFacts): string {
  const v = facts.versions;
  const lines = [
    `Version ${facts.appVersion} (Electron ${v.electron ?? '?'}, Node ${v.node ?? '?'}, Chromium ${v.chrome ?? '?'})`,
    `Workspace: ${facts.workspacePath ?? 'none open'}`,
    '',
  ];
  if ('error' in facts.engines) {
    lines.push(`Training engine: unknown (${facts.engines.error})`);
  } else {
    const e = facts.engines;
    lines.push(`Training engine: ${e.selected} (TF.js backend '${e.backend}', ${e.threads} thread${e.threads === 1 ? '' : 's'})`);
    for (const c of e.candidates) {
      const mark = c.name === e.selected ? '•' : c.available ? '○' : '✕';
      const what = !c.available ? 'unavailable' : c.trains ? 'trains' : 'inference only';
      lines.push(`  ${mark} ${c.name}: ${what}: ${c.reason}`);
    }
  }
  return lines.join('\n');
}

/** One line for a status bar or a log: the engine in use. */
export function engineStatusLine(engines: AboutFacts['engines']): string {
  return 'error' in engines ? `Engine: unknown (${engines.error})` : `Engine: ${engines.selected} (${engines.backend})`;
}
