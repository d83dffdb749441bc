import { describe, expect, it } from 'vitest';
import { engineStatusLine, formatAbout } from '../../../src-main/electron/about.ts';
import type { EngineReport } from '../../../src-main/core/api.ts';

const report: EngineReport = {
  selected: 'wasm',
  backend: 'wasm',
  threads: 1,
  candidates: [
    { name: 'tensorflow-gpu', available: false, trains: false, reason: '@tensorflow/tfjs-node-gpu is not installed' },
    { name: 'webgpu', available: false, trains: false, reason: 'no GPU adapter' },
    { name: 'wasm', available: true, trains: true, reason: 'picked: fastest engine that trains here' },
    { name: 'cpu', available: true, trains: true, reason: 'slower than wasm' },
  ],
};

describe('About text', () => {
  it('names the engine in use and why each other one is not', () => {
    const text = formatAbout({ appVersion: '0.1.0', versions: { electron: '45.4.1', node: '22.20.0', chrome: '140' }, workspacePath: '/w/demo.db', engines: report });
    expect(text).toContain('Version 0.1.0 (Electron 45.4.1, Node 22.20.0, Chromium 140)');
    expect(text).toContain('Workspace: /w/demo.db');
    expect(text).toContain("Training engine: wasm (TF.js backend 'wasm', 1 thread)");
    expect(text).toContain('✕ tensorflow-gpu: unavailable: @tensorflow/tfjs-node-gpu is not installed');
    expect(text).toContain('○ cpu: trains: slower than wasm');
    expect(engineStatusLine(report)).toBe('Engine: wasm (wasm)');
  });

  it('says why the engines could not be read', () => {
    const text = formatAbout({ appVersion: '0.1.0', versions: {}, workspacePath: null, engines: { error: 'engine probe failed' } });
    expect(text).toContain('Workspace: none open');
    expect(text).toContain('Training engine: unknown (engine probe failed)');
  });
});
