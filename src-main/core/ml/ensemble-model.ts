/**
 * A scan's fold models as one model: the mean of their probabilities. Nothing is trained; it is evaluated like a
 * run, and saving it saves its first member (one network of the same architecture, trained on (k-1)/k of the
 * split), so a fine-tune can start from it.
 */
import type { EpochMetrics } from '../api/events.ts';
import type { ImageSet } from './image-set.ts';
import type { PredictOptions, TrainedModel } from './trained-model.ts';

export class EnsembleModel implements TrainedModel {
  readonly history: EpochMetrics[] = [];

  constructor(private readonly members: readonly TrainedModel[]) {
    if (members.length === 0) throw new Error('An ensemble needs at least one model.');
  }

  async predict(set: ImageSet, options?: PredictOptions): Promise<Float32Array> {
    let sum: Float32Array | null = null;
    for (const m of this.members) {
      const p = await m.predict(set, options);
      if (!sum) sum = p;
      else for (let i = 0; i < p.length; i++) sum[i]! += p[i]!;
    }
    for (let i = 0; i < sum!.length; i++) sum![i]! /= this.members.length;
    return sum!;
  }

  save(dir: string): Promise<void> {
    return this.members[0]!.save(dir);
  }

  dispose(): void {
    for (const m of this.members) m.dispose();
  }
}
