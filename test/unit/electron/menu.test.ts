import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { buildMenuTemplate, type MenuActions } from '../../../src-main/electron/menu.ts';

function recorder(): { actions: MenuActions; log: string[] } {
  const log: string[] = [];
  const actions = new Proxy({} as MenuActions, { get: (_t, name) => (...args: unknown[]) => log.push([String(name), ...args].join(' ')) });
  return { actions, log };
}

function find(items: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions | undefined {
  for (const i of items) {
    if (i.label === label) return i;
    const sub = Array.isArray(i.submenu) ? find(i.submenu as MenuItemConstructorOptions[], label) : undefined;
    if (sub) return sub;
  }
  return undefined;
}

const click = (item: MenuItemConstructorOptions | undefined) => (item!.click as () => void)();

describe('application menu', () => {
  it('has Import, Export, Open workspace, Recent and About, wired to the actions', () => {
    const { actions, log } = recorder();
    const menu = buildMenuTemplate(actions, ['/w/one.db', '/w/two.db'], 'linux');
    click(find(menu, 'Open Workspace…'));
    click(find(menu, 'FER2013 CSV (with FER+ votes)…'));
    click(find(menu, 'Image Folder…'));
    click(find(menu, 'FER2013 CSV with Current Labels…'));
    click(find(menu, 'Changed Labels (diff CSV)…'));
    click(find(menu, '2. two.db'));
    click(find(menu, 'About FER Studio'));
    click(find(menu, 'Open Demo Workspace'));
    expect(log).toEqual(['openWorkspace', 'importFer2013', 'importFolder', 'exportCsv', 'exportDiff', 'openRecent /w/two.db', 'about', 'openDemo']);
    expect(find(menu, '2. two.db')!.toolTip).toBe('/w/two.db');
  });

  it('shows a disabled entry when there is nothing recent, and the macOS app menu on darwin', () => {
    const { actions } = recorder();
    expect(find(buildMenuTemplate(actions, [], 'linux'), 'No recent workspaces')!.enabled).toBe(false);
    expect(buildMenuTemplate(actions, [], 'darwin')[0]!.label).toBe('FER Studio');
    expect(buildMenuTemplate(actions, [], 'linux')[0]!.label).toBe('File');
  });
});
