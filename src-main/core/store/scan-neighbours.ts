import type { Db } from './database.ts';

/** One sample's nearest look-alikes as a scan found them (see ml/noise/scan-neighbours.ts), most similar first. */
export interface StoredNeighbours {
  ids: Int32Array;
  similarity: Float32Array;
}

const ints = (b: Buffer) => new Int32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
const floats = (b: Buffer) => new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));

/** The scan_neighbours table: k neighbours per scanned sample, written once when a scan finishes. */
export class NeighbourStore {
  constructor(private readonly db: Db) {}

  /** `ids`: the scanned samples; `neighbours`/`similarity`: count x k, row i for ids[i]. */
  save(scanId: number, ids: ArrayLike<number>, k: number, neighbours: Int32Array, similarity: Float32Array): void {
    const insert = this.db.prepare('INSERT OR REPLACE INTO scan_neighbours (scan_id, sample_id, neighbours, similarity) VALUES (?, ?, ?, ?)');
    this.db.transaction(() => {
      for (let i = 0; i < ids.length; i++) {
        insert.run(scanId, ids[i], Buffer.from(neighbours.slice(i * k, (i + 1) * k).buffer), Buffer.from(similarity.slice(i * k, (i + 1) * k).buffer));
      }
    }).immediate();
  }

  of(scanId: number, sampleId: number): StoredNeighbours | null {
    const r = this.db.prepare('SELECT neighbours, similarity FROM scan_neighbours WHERE scan_id = ? AND sample_id = ?').get(scanId, sampleId) as { neighbours: Buffer; similarity: Buffer } | undefined;
    return r ? { ids: ints(r.neighbours), similarity: floats(r.similarity) } : null;
  }

  /** The latest finished scan that found neighbours, or null. */
  latestScan(): number | null {
    // newest scan first, each checked through the primary key's prefix: no walk over every stored neighbour
    const r = this.db
      .prepare("SELECT id FROM scans s WHERE status = 'done' AND EXISTS (SELECT 1 FROM scan_neighbours n WHERE n.scan_id = s.id) ORDER BY id DESC LIMIT 1")
      .get() as { id: number } | undefined;
    return r?.id ?? null;
  }
}
