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
      return opened(studio, 'studioPerSuite: the studio opens in beforeAll');
    },
    get api() {
      return opened(api, 'studioPerSuite: the studio opens in beforeAll');
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
      return opened(tmp, 'studioPerTest: each test opens its own in beforeEach');
    },
    get studio() {
      return opened(studio, 'studioPerTest: each test opens its own in beforeEach');
    },
  };
}

/** A value a hook sets, read from a test: it must be there by then. */
function opened<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(what);
  return value;
}
