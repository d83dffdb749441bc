import { afterAll, describe, expect, it } from 'vitest';
import type { StudioEvent } from '../../../../src-main/core/api.ts';
import { Studio } from '../../../../src-main/core/studio/studio.ts';
import { OUTSIDE_WRITE_POLL_MS } from '../../../../src-main/core/studio/outside-writes.ts';
import { insertSyntheticSamples, tempDir } from '../../../helpers/temp-workspace.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// Two Studios on one workspace file are two connections, as the CLI and a server are two processes.
describe('label changes made elsewhere reach the open doors', () => {
  it('a relabel through another connection arrives as a labels event; a write that moves no label does not', async () => {
    const path = tmp.path('w.db');
    const open = new Studio(path);
    insertSyntheticSamples(open.workspace, [0, 1, 2, 3]);
    const other = new Studio(path);
    const events: StudioEvent[] = [];
    const off = open.subscribe((e) => events.push(e));
    try {
      await other.call('setLabel', { ids: [2], label: 5 });
      await expect.poll(() => events, { timeout: 5 * OUTSIDE_WRITE_POLL_MS, interval: 100 }).toEqual([{ type: 'labels', labelVersion: other.workspace.labels.labelVersion() }]);
      // A run row written elsewhere changes the database but no label: no labels event.
      other.workspace.db.prepare("INSERT INTO runs (kind, status, config, engine, label_version, created_at) VALUES ('train', 'failed', '{}', '{}', 0, '')").run();
      await sleep(3 * OUTSIDE_WRITE_POLL_MS);
      expect(events).toHaveLength(1);
      // This door's own edit is announced once, by its handler: a later outside write of a run does not repeat it.
      await open.call('setLabel', { ids: [1], label: 4 });
      expect(events).toHaveLength(2);
      other.workspace.db.prepare("UPDATE runs SET error = 'x'").run();
      await sleep(3 * OUTSIDE_WRITE_POLL_MS);
      expect(events).toHaveLength(2);
    } finally {
      off();
      await other.close();
      await open.close();
    }
  });
});
