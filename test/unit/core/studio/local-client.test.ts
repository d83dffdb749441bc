import { afterAll, describe, expect, it } from 'vitest';
import { Studio } from '../../../../src-main/core/studio/studio.ts';
import { localClient } from '../../../../src-main/core/studio/local-client.ts';
import { insertSyntheticSamples, tempDir } from '../../../helpers/temp-workspace.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

describe('localClient', () => {
  it('calls the Studio through the contract: typed results, validated inputs, awaitable itself', async () => {
    const studio = new Studio(tmp.path('w.db'));
    try {
      insertSyntheticSamples(studio.workspace, [0, 1, 2]);
      const api = localClient(studio);
      expect((await api.info({})).samples).toBe(3);
      expect(await api.setLabel({ ids: [1], label: 5 })).toMatchObject({ changed: 1 });
      // @ts-expect-error: a label of the wrong type does not compile, and the contract refuses it at run time too
      await expect(api.setLabel({ ids: [1], label: 'happy' })).rejects.toThrow(/Invalid input for setLabel/);
      await expect(api.setLabel({ ids: [1], label: 1000 })).rejects.toThrow(/Invalid input for setLabel: label/);
      await expect(api.setLabel({ ids: [1], label: 7 })).rejects.toThrow('label: class 7 does not exist (this dataset has 7 classes, 0..6).');
      // @ts-expect-error: a misspelled method does not compile
      expect(() => api.setLabels).toBeDefined();
      expect(await Promise.resolve(api)).toBe(api); // not mistaken for a promise
    } finally {
      await studio.close();
    }
  });
});
