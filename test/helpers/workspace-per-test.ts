import { afterEach, beforeEach } from 'vitest';
import { Workspace } from '../../src-main/core/store/workspace.ts';
import { tempDir } from './temp-workspace.ts';

/** A new empty workspace for each test of the calling file (closed and removed after it); call at module level. */
export function workspacePerTest(): () => Workspace {
  let tmp: ReturnType<typeof tempDir>;
  let ws: Workspace;
  beforeEach(() => {
    tmp = tempDir();
    ws = Workspace.open(tmp.path('w.db'));
  });
  afterEach(() => {
    ws.close();
    tmp.cleanup();
  });
  return () => ws;
}
