import { badDefinition, channelsName, FER2013_DATASET, type DatasetDefinition } from '../../../src-common/dataset.ts';
import { StudioError } from '../api/contract.ts';
import type { Db } from './database.ts';

/** An import whose dataset does not fit the workspace's (other classes or size): reaches the doors as 'bad-input'. */
export class DatasetMismatchError extends StudioError {
  constructor(message: string) {
    super('bad-input', message);
    this.name = 'DatasetMismatchError';
  }
}

/**
 * The workspace's one dataset definition (table `dataset`, schema v6). No row means FER2013: every workspace
 * made before v6 holds it, and a fresh one stays FER2013 until an import of another dataset defines it.
 */
export class DatasetStore {
  private readonly db: Db;
  constructor(db: Db) {
    this.db = db;
  }

  get(): DatasetDefinition {
    const row = this.db.prepare('SELECT definition FROM dataset WHERE id = 1').get() as { definition: string } | undefined;
    // Definitions written before `mirrorable` existed were all of mirrorable datasets (FER2013, Fashion-MNIST, photos);
    // those written before `channels` existed were all grayscale.
    return row ? { mirrorable: true, channels: 1, ...(JSON.parse(row.definition) as Omit<DatasetDefinition, 'mirrorable' | 'channels'>) } : FER2013_DATASET;
  }

  /**
   * Makes `wanted` the workspace's dataset, inside the caller's import transaction. A workspace that holds samples
   * keeps its definition: an import must then bring the same classes, size and channels, else it is refused.
   */
  define(wanted: DatasetDefinition): DatasetDefinition {
    const bad = badDefinition(wanted);
    if (bad) throw new DatasetMismatchError(`This dataset cannot be imported: it has ${bad}.`);
    const hasSamples = this.db.prepare('SELECT 1 FROM samples LIMIT 1').get() !== undefined;
    if (hasSamples) {
      const current = this.get();
      const sameClasses = current.classes.length === wanted.classes.length && current.classes.every((c, i) => c.toLowerCase() === wanted.classes[i]!.toLowerCase());
      if (!sameClasses) {
        throw new DatasetMismatchError(`This workspace holds ${current.name} (${current.classes.length} classes: ${preview(current.classes)}); the import has ${wanted.classes.length} (${preview(wanted.classes)}). Import it into a new workspace.`);
      }
      if (current.side !== wanted.side) throw new DatasetMismatchError(`This workspace stores ${current.side}x${current.side} images; the import asks for ${wanted.side}x${wanted.side}. Import it into a new workspace.`);
      if (current.channels !== wanted.channels) {
        throw new DatasetMismatchError(`This workspace stores ${channelsName(current.channels)} images (${current.channels} channel${current.channels === 1 ? '' : 's'}); the import asks for ${channelsName(wanted.channels)} (${wanted.channels}). Import it into a new workspace.`);
      }
      return current;
    }
    this.db.prepare('INSERT INTO dataset (id, definition) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET definition = excluded.definition').run(JSON.stringify(wanted));
    return wanted;
  }
}

const preview = (classes: readonly string[]) => (classes.length <= 8 ? classes.join(', ') : `${classes.slice(0, 8).join(', ')}, …`);
