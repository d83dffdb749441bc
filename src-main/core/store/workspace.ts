import type { DatasetDefinition } from '../../../src-common/dataset.ts';
import { openDatabase, type Db } from './database.ts';
import { DatasetStore } from './dataset.ts';
import { LabelHistory } from './label-history.ts';
import { SampleStore } from './samples.ts';
import { VoteStore } from './votes.ts';

/** One workspace = one SQLite file. Holds the stores; other modules add theirs over the same connection. */
export class Workspace {
  readonly path: string;
  readonly db: Db;
  readonly samples: SampleStore;
  readonly labels: LabelHistory;
  readonly votes: VoteStore;
  readonly datasets: DatasetStore;

  private constructor(path: string, db: Db) {
    this.path = path;
    this.db = db;
    this.samples = new SampleStore(db);
    this.labels = new LabelHistory(db);
    this.votes = new VoteStore(db);
    this.datasets = new DatasetStore(db);
  }

  static open(path: string, options: { readonly?: boolean } = {}): Workspace {
    return new Workspace(path, openDatabase(path, options));
  }

  /** The dataset's definition (read each time: another process may have made the first import). */
  get dataset(): DatasetDefinition {
    return this.datasets.get();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
