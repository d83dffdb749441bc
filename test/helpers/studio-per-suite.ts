import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { StudioClient } from '../../src-main/core/api.ts';
import { localClient } from '../../src-main/core/studio/local-client.ts';
import { Studio } from '../../src-main/core/studio/studio.ts';
import { tempDir } from './temp-workspace.ts';

/**
 * A Studio on a new workspace (`w.db` in a temp folder) for the calling describe block, with its in-process client:
 * opened before the block's own beforeAll hooks, closed and removed after it. Call inside the describe.
 */
export function studioPerSuite(): { tmp: ReturnType<typeof tempDir>; readonly studio: Studio; readonly api: StudioClient } {
  const tmp = tempDir();
  let studio: Studio | undefined;
  let api: StudioClient | undefined;
  beforeAll(() => {
    studio = new Studio(tmp.path('w.db'));
    api = localClient(studio);
  });
  afterAll(async () => {
    await studio?.close();
    tmp.cleanup();
  });
  return {
    tmp,
    get studio() {
      if (!studio) throw new Error('studioPerSuite: the studio opens in beforeAll');
      return studio;
    },
    get api() {
      if (!api) throw new Error('studioPerSuite: the studio opens in beforeAll');
      return api;
    },
  };
}

/**
 * A Studio on a new workspace (`w.db` in a new temp folder) for each test of the calling file, closed and removed
 * after it; call at module level. Read `studio` and `tmp` inside tests and hooks (each test has its own).
 */
export function studioPerTest(): { readonly tmp: ReturnType<typeof tempDir>; readonly studio: Studio } {
  let tmp: ReturnType<typeof tempDir> | undefined;
  let studio: Studio | undefined;
  beforeEach(() => {
    tmp = tempDir();
    studio = new Studio(tmp.path('w.db'));
  });
  afterEach(async () => {
    await studio?.close();
    tmp?.cleanup();
  });
  return {
    get tmp() {
      if (!tmp) throw new Error('studioPerTest: each test opens its own in beforeEach');
      return tmp;
    },
    get studio() {
      if (!studio) throw new Error('studioPerTest: each test opens its own in beforeEach');
      return studio;
    },
  };
}
