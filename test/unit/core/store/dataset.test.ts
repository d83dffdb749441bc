import { describe, expect, it } from 'vitest';
import { FER2013_DATASET, type DatasetDefinition } from '../../../../src-common/dataset.ts';
import { Workspace } from '../../../../src-main/core/store/workspace.ts';
import { insertSyntheticSamples } from '../../../helpers/temp-workspace.ts';

const FASHION: DatasetDefinition = {
  name: 'Fashion-MNIST',
  classes: ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'],
  side: 28,
  originalSide: 28,
  channels: 1,
  splitNames: { Training: 'train', PublicTest: 'validation', PrivateTest: 'test' },
  mirrorable: true,
};

describe('DatasetStore', () => {
  it('an empty workspace is FER2013 until an import defines another dataset, which is then read back', () => {
    const ws = Workspace.open(':memory:');
    expect(ws.dataset).toEqual(FER2013_DATASET);
    expect(ws.datasets.define(FASHION)).toEqual(FASHION);
    expect(ws.dataset).toEqual(FASHION);
    ws.close();
  });

  it('a definition written before datasets said whether they mirror reads as mirrorable; one that says no stays no', () => {
    const ws = Workspace.open(':memory:');
    const { mirrorable: _, ...older } = FASHION;
    ws.db.prepare('INSERT INTO dataset (id, definition) VALUES (1, ?)').run(JSON.stringify(older));
    expect(ws.dataset).toEqual({ ...FASHION, mirrorable: true });
    const digits = { ...FASHION, name: 'MNIST', classes: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'], mirrorable: false };
    ws.datasets.define(digits);
    expect(ws.dataset.mirrorable).toBe(false);
    ws.close();
  });

  it('a workspace holding samples keeps its dataset: the same classes (any case) pass, others and another size are refused', () => {
    const ws = Workspace.open(':memory:');
    insertSyntheticSamples(ws, [0, 1, 2]); // FER2013 rows, no definition row
    expect(ws.datasets.define({ ...FER2013_DATASET, classes: FER2013_DATASET.classes.map((c) => c.toUpperCase()) })).toEqual(FER2013_DATASET);
    expect(() => ws.datasets.define(FASHION)).toThrow(
      'This workspace holds FER2013 (7 classes: angry, disgust, fear, happy, sad, surprise, neutral); the import has 10 (T-shirt/top, Trouser, Pullover, Dress, Coat, Sandal, Shirt, Sneaker, …). Import it into a new workspace.',
    );
    expect(() => ws.datasets.define({ ...FER2013_DATASET, side: 28 })).toThrow('This workspace stores 48x48 images; the import asks for 28x28. Import it into a new workspace.');
    ws.close();
  });

  it('refuses definitions no model can use: one class, a repeated name, an unsupported size', () => {
    const ws = Workspace.open(':memory:');
    expect(() => ws.datasets.define({ ...FASHION, classes: ['only'] })).toThrow('it has 1 classes (expected 2 to 1000)');
    expect(() => ws.datasets.define({ ...FASHION, classes: ['Bag', 'bag'] })).toThrow("it has the class name 'bag' twice");
    expect(() => ws.datasets.define({ ...FASHION, side: 17 })).toThrow('a working size of 17 px (expected one of 24, 28, 32, 48, 64, 96)');
    expect(ws.dataset).toEqual(FER2013_DATASET);
    ws.close();
  });

  it('a definition written before datasets had channels reads as grayscale; an RGB one reads back as RGB', () => {
    const ws = Workspace.open(':memory:');
    const { channels: _, ...older } = FASHION;
    ws.db.prepare('INSERT INTO dataset (id, definition) VALUES (1, ?)').run(JSON.stringify(older));
    expect(ws.dataset.channels).toBe(1);
    ws.datasets.define({ ...FASHION, channels: 3 });
    expect(ws.dataset.channels).toBe(3);
    ws.close();
  });

  it('refuses channels other than 1 or 3, and an import whose channels differ from the samples held', () => {
    const ws = Workspace.open(':memory:');
    expect(() => ws.datasets.define({ ...FASHION, channels: 4 as 3 })).toThrow('it has 4 colour channels (expected 1 or 3)');
    insertSyntheticSamples(ws, [0, 1, 2]); // FER2013: grayscale
    expect(() => ws.datasets.define({ ...FER2013_DATASET, channels: 3 })).toThrow(
      'This workspace stores grayscale images (1 channel); the import asks for RGB (3). Import it into a new workspace.',
    );
    expect(ws.dataset).toEqual(FER2013_DATASET);
    ws.close();
  });
});
