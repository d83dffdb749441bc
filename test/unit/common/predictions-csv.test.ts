import { describe, expect, it } from 'vitest';
import { CLASS_NAMES } from '../../../src-common/classes.ts';
import { predictionsCsv } from '../../../src-common/predictions-csv.ts';

describe('predictionsCsv', () => {
  it('one row per image, 6 decimals, names with commas or quotes quoted (RFC 4180)', () => {
    const probabilities = [0.1, 0.05, 0.05, 0.5, 0.1, 0.1, 0.1];
    const csv = predictionsCsv({ classNames: [...CLASS_NAMES], predictions: [{ file: 'a.png', predicted: 3, probabilities }, { file: 'me, "smiling".jpg', predicted: 3, probabilities }] });
    expect(csv.split('\n')).toEqual([
      'file,predicted,angry,disgust,fear,happy,sad,surprise,neutral',
      'a.png,happy,0.100000,0.050000,0.050000,0.500000,0.100000,0.100000,0.100000',
      '"me, ""smiling"".jpg",happy,0.100000,0.050000,0.050000,0.500000,0.100000,0.100000,0.100000',
      '',
    ]);
  });
});
