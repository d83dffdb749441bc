import { expect, it } from 'vitest';
import { scanConfig } from '../../../../src-main/core/api/noise-api.ts';
import type { EngineReport } from '../../../../src-main/core/api/train-api.ts';
import { ScanStore } from '../../../../src-main/core/store/scans.ts';
import { workspacePerTest } from '../../../helpers/workspace-per-test.ts';

const workspace = workspacePerTest();

const report = (precision?: 'fp32' | 'bf16'): EngineReport => ({ selected: 'native', backend: 'native', threads: 2, candidates: [], ...(precision ? { precision } : {}) });

it("a scan's summary says which precision its engine ran, none while pending or for reports from before it was recorded", () => {
  const scans = new ScanStore(workspace().db);
  const config = scanConfig.parse({ precision: 'auto' });
  expect(config.precision).toBe('auto');
  expect(scanConfig.parse({}).precision).toBe('fp32');
  const id = scans.create(config, { pending: true }, 0);
  expect(scans.get(id)).toMatchObject({ engine: 'pending', precision: null });
  scans.setEngine(id, report('bf16'));
  expect(scans.get(id)).toMatchObject({ engine: 'native', precision: 'bf16' });
  expect(scans.get(id)!.config.precision).toBe('auto');
  scans.setEngine(id, report());
  expect(scans.list()[0]).toMatchObject({ engine: 'native', precision: null });
});
