import { FER2013_DATASET, type DatasetDefinition } from '../../../../src-common/dataset.ts';
import { api, onStudioEvent } from '../api/studio.ts';
import { toasts } from './toasts.svelte.ts';

/**
 * The workspace's dataset (class names, image size, split names), for every view: FER2013 until the core says
 * otherwise. Read again when an import finishes, since the first import into an empty workspace defines it.
 */
class DatasetDefinitionState {
  current = $state<DatasetDefinition>(FER2013_DATASET);
  loaded = $state(false);

  constructor() {
    onStudioEvent((e) => {
      if (e.type === 'job' && e.job.kind === 'import' && e.job.state === 'done') void this.load();
    });
  }

  async load(): Promise<void> {
    try {
      this.current = await api.dataset({});
      this.loaded = true;
    } catch (e) {
      toasts.error(e);
    }
  }
}

export const datasetDefinition = new DatasetDefinitionState();
