import type { DuplicateCopy } from '../api/duplicates-api.ts';
import type { Split } from '../../../src-common/classes.ts';
import { findPlausibleGroups, NEAR_DUPLICATE_BITS } from '../duplicates/find-groups.ts';
import { exactPixelHash, grayPixels, hashFromBytes, hashToBytes, perceptualHash } from '../duplicates/image-hash.ts';
import type { Db } from './database.ts';

/** How far a refresh is: the share of images hashed (null while grouping) and what it is doing. */
export type GroupingProgress = (fraction: number | null, phase: string) => void;

/** A stored group: its copies as they are now, and whether their pixels are identical. */
export interface StoredGroup {
  id: number;
  exact: boolean;
  members: DuplicateCopy[];
}

export interface GroupingStamp {
  samples: number;
  maxSampleId: number;
  maxDistance: number;
  computedAt: string;
  seconds: number;
}

/**
 * The workspace's duplicate groups. Pixels never change after import, so each sample is hashed once;
 * the groups are made again only when samples were added (or the distance changed) since they were made.
 */
export class DuplicateStore {
  private readonly db: Db;
  constructor(db: Db) {
    this.db = db;
  }

  /**
   * Brings the groups up to date with the samples; cheap (two counts) when they are. The distance used may be
   * below `maxDistance` where the hash cannot tell this dataset's images apart (findPlausibleGroups), and is recorded.
   */
  refresh(maxDistance = NEAR_DUPLICATE_BITS, onProgress?: GroupingProgress): GroupingStamp {
    const stamp = this.current(maxDistance);
    if (stamp) return stamp;
    const now = this.samplesNow();
    const started = performance.now();
    this.hashMissing(onProgress);
    onProgress?.(null, 'grouping near-duplicates');
    const rows = this.db.prepare('SELECT sample_id, exact, phash FROM sample_hashes ORDER BY sample_id').raw().all() as Array<[number, string, Buffer | null]>;
    const { groups, distance } = findPlausibleGroups(rows.map(([, exact, phash]) => ({ exact, hash: phash && hashFromBytes(phash) })), maxDistance);
    const fresh: GroupingStamp = { ...now, maxDistance: distance, computedAt: new Date().toISOString(), seconds: (performance.now() - started) / 1000 };
    const insert = this.db.prepare('INSERT INTO duplicate_members (sample_id, group_id) VALUES (?, ?)');
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM duplicate_members').run();
      for (const g of groups) {
        const groupId = rows[g[0]!]![0];
        for (const i of g) insert.run(rows[i]![0], groupId);
      }
      this.db
        .prepare('INSERT OR REPLACE INTO duplicate_grouping (id, samples, max_sample_id, max_distance, computed_at, seconds) VALUES (1, ?, ?, ?, ?, ?)')
        .run(fresh.samples, fresh.maxSampleId, fresh.maxDistance, fresh.computedAt, fresh.seconds);
    }).immediate();
    return fresh;
  }

  /** The stamp when the groups are up to date with the samples (two counts), else null. */
  current(maxDistance = NEAR_DUPLICATE_BITS): GroupingStamp | null {
    const now = this.samplesNow();
    const stamp = this.stamp();
    return stamp && stamp.samples === now.samples && stamp.maxSampleId === now.maxSampleId && stamp.maxDistance <= maxDistance ? stamp : null;
  }

  /** Samples that have no hash yet: what a refresh would hash. */
  unhashed(): number {
    return this.db.prepare('SELECT COUNT(*) FROM samples s LEFT JOIN sample_hashes h ON h.sample_id = s.id WHERE h.sample_id IS NULL').pluck().get() as number;
  }

  stamp(): GroupingStamp | null {
    const r = this.db
      .prepare('SELECT samples, max_sample_id AS maxSampleId, max_distance AS maxDistance, computed_at AS computedAt, seconds FROM duplicate_grouping WHERE id = 1')
      .get() as GroupingStamp | undefined;
    return r ?? null;
  }

  /** Every group with its copies as they are now, ordered by group id. */
  groups(): StoredGroup[] {
    return this.read('');
  }

  /** The groups holding any of these samples. */
  groupsOf(sampleIds: readonly number[]): StoredGroup[] {
    if (sampleIds.length === 0) return [];
    const ids = [...new Set(sampleIds)];
    return this.read(`WHERE m.group_id IN (SELECT group_id FROM duplicate_members WHERE sample_id IN (SELECT value FROM json_each(?)))`, JSON.stringify(ids));
  }

  private read(where: string, ...args: unknown[]): StoredGroup[] {
    const rows = this.db
      .prepare(
        `SELECT m.group_id AS groupId, s.id AS sampleId, s.split, s.label, s.original_label AS originalLabel, s.excluded, s.kept, h.exact
         FROM duplicate_members m JOIN samples s ON s.id = m.sample_id JOIN sample_hashes h ON h.sample_id = m.sample_id
         ${where} ORDER BY m.group_id, s.id`,
      )
      .all(...args) as Array<{ groupId: number; sampleId: number; split: Split; label: number; originalLabel: number; excluded: number; kept: number; exact: string }>;
    const byId = new Map<number, StoredGroup & { firstExact: string }>();
    for (const r of rows) {
      let g = byId.get(r.groupId);
      if (!g) byId.set(r.groupId, (g = { id: r.groupId, exact: true, members: [], firstExact: r.exact }));
      if (r.exact !== g.firstExact) g.exact = false;
      g.members.push({ sampleId: r.sampleId, split: r.split, label: r.label, originalLabel: r.originalLabel, excluded: r.excluded === 1, kept: r.kept === 1 });
    }
    return [...byId.values()].map(({ id, exact, members }) => ({ id, exact, members }));
  }

  private samplesNow(): { samples: number; maxSampleId: number } {
    return this.db.prepare('SELECT COUNT(*) AS samples, COALESCE(MAX(id), -1) AS maxSampleId FROM samples').get() as { samples: number; maxSampleId: number };
  }

  /** Hashes the samples that have no hash yet, a batch per transaction so a large import is not held in memory. */
  private hashMissing(onProgress?: GroupingProgress): void {
    const total = onProgress ? this.unhashed() : 0;
    let done = 0;
    const select = this.db.prepare(
      'SELECT s.id, s.width, s.height, s.pixels FROM samples s LEFT JOIN sample_hashes h ON h.sample_id = s.id WHERE h.sample_id IS NULL ORDER BY s.id LIMIT 4096',
    );
    // OR IGNORE: another process (a second studio, the CLI) may have hashed the same batch meanwhile
    const insert = this.db.prepare('INSERT OR IGNORE INTO sample_hashes (sample_id, exact, phash) VALUES (?, ?, ?)');
    for (;;) {
      const batch = select.all() as Array<{ id: number; width: number; height: number; pixels: Buffer }>;
      if (batch.length === 0) return;
      const hashed = batch.map((r) => {
        const hash = perceptualHash(grayPixels(r.pixels, r.width, r.height), r.width, r.height);
        return [r.id, exactPixelHash(r.pixels, r.width, r.height), hash && hashToBytes(hash)] as const;
      });
      this.db.transaction(() => hashed.forEach((h) => insert.run(...h))).immediate();
      done += batch.length;
      onProgress?.(total ? Math.min(1, done / total) : null, `hashing images: ${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')}`);
    }
  }
}
