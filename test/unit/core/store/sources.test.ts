import { describe, expect, it } from 'vitest';
import { SourceStore } from '../../../../src-main/core/store/sources.ts';
import { workspacePerTest } from '../../../helpers/workspace-per-test.ts';

const workspace = workspacePerTest();

describe('SourceStore', () => {
  it('adds, finishes, finds by fingerprint and lists sources; the newest csv is the votes target', () => {
    const s = new SourceStore(workspace().db);
    const a = s.add({ kind: 'fer2013-csv', path: '/a.csv', fingerprint: 'fa' });
    const b = s.add({ kind: 'image-folder', path: '/imgs', fingerprint: 'fb' });
    s.finish(a, 10, { header: 'emotion,pixels,Usage' });
    expect(s.byFingerprint('fa')).toMatchObject({ id: a, kind: 'fer2013-csv', rowCount: 10, info: { header: 'emotion,pixels,Usage' } });
    expect(s.byFingerprint('nope')).toBeNull();
    expect(s.latestFer2013()?.id).toBe(a);
    expect(s.list().map((x) => x.id)).toEqual([a, b]);
    expect(() => s.add({ kind: 'fer2013-csv', path: '/copy.csv', fingerprint: 'fa' })).toThrow(/UNIQUE/);
  });
});
