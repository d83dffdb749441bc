import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { addRecent, MAX_RECENT, parseRecent, RecentWorkspaces } from '../../../src-main/electron/recent-workspaces.ts';
import { tempDir } from '../../helpers/temp-workspace.ts';

describe('recent workspaces', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('puts the latest first, without duplicates, capped', () => {
    let list: string[] = [];
    for (let i = 0; i < MAX_RECENT + 3; i++) list = addRecent(list, `/w/${i}.db`);
    expect(list).toHaveLength(MAX_RECENT);
    expect(list[0]).toBe(`/w/${MAX_RECENT + 2}.db`);
    expect(addRecent(list, '/w/5.db').filter((p) => p === '/w/5.db')).toHaveLength(1);
    expect(addRecent(list, '/w/5.db')[0]).toBe('/w/5.db');
  });

  it('persists, and ignores junk in the file', () => {
    const r = new RecentWorkspaces(tmp.path('recent.json'));
    expect(r.list()).toEqual([]);
    r.add('/a.db');
    r.add('/b.db');
    expect(new RecentWorkspaces(tmp.path('recent.json')).list()).toEqual(['/b.db', '/a.db']);
    r.clear();
    expect(r.list()).toEqual([]);
    writeFileSync(tmp.path('junk.json'), JSON.stringify(['/x.db', 3, null, '', '/x.db']));
    expect(new RecentWorkspaces(tmp.path('junk.json')).list()).toEqual(['/x.db']);
    expect(parseRecent({ not: 'a list' })).toEqual([]);
  });
});
