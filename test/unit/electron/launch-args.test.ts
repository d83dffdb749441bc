import { describe, expect, it } from 'vitest';
import { workspaceFromArgv } from '../../../src-main/electron/launch-args.ts';

describe('workspace from the command line', () => {
  it('reads --workspace W, --workspace=W and a bare .db path; ignores Chromium switches', () => {
    expect(workspaceFromArgv(['--workspace', '/w/a.db'])).toBe('/w/a.db');
    expect(workspaceFromArgv(['--enable-logging', '--workspace=/w/b.db'])).toBe('/w/b.db');
    expect(workspaceFromArgv(['--no-sandbox', '/w/c.db'])).toBe('/w/c.db');
    expect(workspaceFromArgv(['--no-sandbox', '--inspect=9229'])).toBeNull();
    expect(workspaceFromArgv(['--workspace'])).toBeNull();
    expect(workspaceFromArgv(['notes.txt'])).toBeNull();
  });
});
