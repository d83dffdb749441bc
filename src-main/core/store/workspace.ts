import { openDatabase, type Db } from './database.ts';
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

  private constructor(path: string, db: Db) {
    this.path = path;
    this.db = db;
    this.samples = new SampleStore(db);
    this.labels = new LabelHistory(db);
    this.votes = new VoteStore(db);
  }

  static open(path: string, options: { readonly?: boolean } = {}): Workspace {
    return new Workspace(path, openDatabase(path, options));
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
