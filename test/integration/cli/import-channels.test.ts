import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { cli } from '../../helpers/capture-io.ts';
import { tempDir } from '../../helpers/temp-workspace.ts';

const tmp = tempDir();
const ws = ['--workspace', tmp.path('w.db')];

beforeAll(async () => {
  for (const [cls, background] of [['red', { r: 220, g: 0, b: 0 }], ['blue', { r: 0, g: 0, b: 220 }]] as const) {
    mkdirSync(tmp.path(`colours/${cls}`), { recursive: true });
    await sharp({ create: { width: 40, height: 30, channels: 3, background } }).png().toFile(tmp.path(`colours/${cls}/a.png`));
  }
  writeFileSync(tmp.path('fer.csv'), 'emotion,pixels,Usage\n');
});
afterAll(() => tmp.cleanup());

describe('import --channels', () => {
  it('accepts only 1 or 3, and only for image folders and lists', async () => {
    expect(await cli('import', tmp.path('colours'), '--channels', '2', ...ws)).toMatchObject({ code: 2, err: [expect.stringMatching(/--channels: expected 1 \(grayscale\) or 3 \(RGB\), got 2/)] });
    expect(await cli('import', tmp.path('fer.csv'), '--channels', '3', ...ws)).toMatchObject({ code: 2, err: [expect.stringMatching(/--channels goes with an image folder or list import/)] });
  });

  it('--channels 3 imports colour: the report and info say RGB', async () => {
    const imported = await cli('import', tmp.path('colours'), '--channels', '3', '--side', '24', ...ws);
    expect(imported.code).toBe(0);
    expect(imported.out).toContain('2 image(s) were not 24x24 RGB and were converted.');
    const info = await cli('info', ...ws);
    expect(info.out[0]).toMatch(/: colours, 2 classes, 24x24 RGB$/);
  });
});
