import { afterAll, describe, expect, it } from 'vitest';
import type { StudioEvent } from '../../../src-main/core/api/events.ts';
import type { WorkspaceInfo } from '../../../src-main/core/api.ts';
import { StudioSession } from '../../../src-main/electron/studio-session.ts';
import { insertSyntheticSamples, tempDir } from '../../helpers/temp-workspace.ts';

describe('StudioSession: the one open workspace of the app', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('switches workspaces, closing the old one, and keeps event listeners on the open one', async () => {
    const session = new StudioSession();
    expect(() => session.studio).toThrow(/No workspace is open/);
    const a = await session.open(tmp.path('a.db'));
    insertSyntheticSamples(a.workspace, [0, 1, 2]);
    const events: StudioEvent[] = [];
    session.subscribe((e) => events.push(e));
    await session.call('setLabel', { ids: [0], label: 5 });
    expect(events).toHaveLength(1);

    const b = await session.open(tmp.path('b.db'));
    expect(session.path).toBe(tmp.path('b.db'));
    expect(((await session.call('info', {})) as WorkspaceInfo).samples).toBe(0);
    expect(() => a.workspace.db.prepare('SELECT 1').get()).toThrow(); // the old workspace is closed
    insertSyntheticSamples(b.workspace, [3]);
    await session.call('setLabel', { ids: [0], label: 4 });
    expect(events).toHaveLength(2);
    await session.close();
    expect(session.path).toBeNull();
  });

  it('a workspace that fails to open leaves the current one open', async () => {
    const session = new StudioSession();
    await session.open(tmp.path('c.db'));
    await expect(session.open(tmp.path('missing-dir/\0bad.db'))).rejects.toThrow();
    expect(session.path).toBe(tmp.path('c.db'));
    await session.close();
  });
});
