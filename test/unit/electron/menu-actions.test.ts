import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { Studio } from '../../../src-main/core/studio/studio.ts';
import { createMenuActions, votesBeside, type DialogLike } from '../../../src-main/electron/menu-actions.ts';
import { insertSyntheticSamples, tempDir } from '../../helpers/temp-workspace.ts';
import { grayPng } from '../../helpers/gray-png-file.ts';

/** A scripted dialog: answers the next open/save with the given path, records every message box. */
function fakeDialog(answer: string | null) {
  const messages: Array<{ type: string; title: string; detail?: string }> = [];
  const dialog: DialogLike = {
    showOpenDialog: async () => ({ canceled: answer === null, filePaths: answer ? [answer] : [] }),
    showSaveDialog: async () => (answer ? { canceled: false, filePath: answer } : { canceled: true }),
    showMessageBox: async (o) => void messages.push(o),
  };
  return { dialog, messages };
}


describe('menu actions: native dialogs, then the StudioApi', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  function setup(answer: string | null, empty = false) {
    const studio = new Studio(tmp.path(`w-${Math.random()}.db`));
    if (!empty) insertSyntheticSamples(studio.workspace, [0, 3, 6]);
    const { dialog, messages } = fakeDialog(answer);
    const opened: string[] = [];
    let reloads = 0;
    const actions = createMenuActions({
      dialog,
      call: (m, i) => studio.call(m, i),
      openWorkspace: async (p) => void opened.push(p),
      openDemo: async () => {},
      clearRecent: () => {},
      reloadPage: () => void reloads++,
      about: async () => {},
    });
    return { studio, actions, messages, opened, reloads: () => reloads };
  }

  it('exports the diff CSV to the chosen file and reports it', async () => {
    const out = tmp.path('diff.csv');
    const { studio, actions, messages } = setup(out);
    await studio.call('setLabel', { ids: [1], label: 4 });
    await actions.exportDiff();
    expect(existsSync(out)).toBe(true);
    expect(readFileSync(out, 'utf8').split('\n').filter(Boolean)).toHaveLength(2);
    expect(messages[0]).toMatchObject({ type: 'info', title: 'Export finished' });
    await studio.close();
  });

  it('shows the API error message when an import fails, and does nothing when cancelled', async () => {
    const bad = tmp.path('not-fer.csv');
    writeFileSync(bad, 'hello,world\n');
    const { studio, actions, messages, reloads } = setup(bad);
    await actions.importFer2013(); // File actions resolve when done (the page's Import / export dialog awaits them)
    expect(messages[0]).toMatchObject({ type: 'error', title: 'Import failed' });
    expect(messages[0]!.detail).toBeTruthy();
    expect(reloads()).toBe(0);
    const cancelled = setup(null);
    await cancelled.actions.exportCsv();
    await cancelled.actions.openWorkspace();
    expect(cancelled.messages).toEqual([]);
    expect(cancelled.opened).toEqual([]);
    await studio.close();
    await cancelled.studio.close();
  });

  it('opens the chosen workspace file; finds FER+ votes beside a CSV', async () => {
    const { studio, actions, opened } = setup('/w/chosen.db');
    await actions.openWorkspace();
    expect(opened).toEqual(['/w/chosen.db']);
    writeFileSync(tmp.path('fer2013new.csv'), '');
    expect(votesBeside(tmp.path('fer2013.csv'))).toBe(tmp.path('fer2013new.csv'));
    expect(votesBeside('/nowhere/fer2013.csv')).toBeUndefined();
    await studio.close();
  });

  it("imports the chosen image folder with the options the page asked for (the menu's own click: the defaults)", async () => {
    for (const [i, cls] of ['cat', 'dog', 'cat'].entries()) await grayPng(tmp.path(`pets/${cls}/${i}.png`), i);
    const fromPage = setup(tmp.path('pets'), true);
    await fromPage.actions.importFolder({ side: 32, channels: 3, mirrorable: false });
    expect(fromPage.messages[0]).toMatchObject({ type: 'info', title: 'Import finished' });
    expect(fromPage.studio.workspace.dataset).toMatchObject({ classes: ['cat', 'dog'], side: 32, channels: 3, mirrorable: false });
    const fromMenu = setup(tmp.path('pets'), true);
    await fromMenu.actions.importFolder();
    expect(fromMenu.studio.workspace.dataset).toMatchObject({ side: 48, channels: 1, mirrorable: true });
    await fromPage.studio.close();
    await fromMenu.studio.close();
  });
});
