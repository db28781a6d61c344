import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeTray, fakeNativeTheme, resetFakes } from '../electron-fake';
import { makeSnapshot, makeTaskView } from '../snapshot-fixtures';

vi.mock('electron', async () => (await import('../electron-fake')).fakeElectron());

const { createAppTray, toElectronTemplate } = await import('../../../src/main/tray/app-tray');

function tray(platform: NodeJS.Platform, onAction = vi.fn(), onClick = vi.fn()) {
  const appTray = createAppTray({ assetsDir: '/app/assets', platform, onAction, onClick });
  const fake = FakeTray.instances.at(-1);
  if (!fake) throw new Error('no tray created');
  return { appTray, fake, onAction, onClick };
}

const imagePath = (fake: FakeTray) => (fake.image as { path: string }).path;

beforeEach(resetFakes);

describe('app tray', () => {
  it('switches the icon with the aggregate state and summarises in the tooltip', () => {
    const { appTray, fake } = tray('linux');
    expect(imagePath(fake)).toBe('/app/assets/tray/tray-idle-dark.png');
    appTray.update(
      makeSnapshot({ tasks: [makeTaskView({ state: 'generating' }), makeTaskView({ state: 'waiting' })] }),
    );
    expect(imagePath(fake)).toBe('/app/assets/tray/tray-running-dark.png');
    expect(fake.tooltip).toBe('1 generating · 1 waiting');
  });

  it('loads the multi-size .ico on Windows', () => {
    const { fake } = tray('win32');
    expect(imagePath(fake)).toBe('/app/assets/tray/tray-idle-light.ico');
  });

  it('uses Template images and a running count as title on macOS', () => {
    const { appTray, fake } = tray('darwin');
    appTray.update(makeSnapshot({ tasks: [makeTaskView({ state: 'generating' })] }));
    expect(fake.image).toMatchObject({ path: '/app/assets/tray/tray-runningTemplate.png', template: true });
    expect(fake.title).toBe('1');
  });

  it('follows the Windows taskbar theme, not the app theme, when the system theme changes', () => {
    fakeNativeTheme.shouldUseDarkColorsForSystemIntegratedUI = false;
    const { fake } = tray('win32');
    expect(imagePath(fake)).toBe('/app/assets/tray/tray-idle-light.ico');
    // Windows' default: light apps, dark taskbar.
    fakeNativeTheme.shouldUseDarkColorsForSystemIntegratedUI = true;
    fakeNativeTheme.emit('updated');
    expect(imagePath(fake)).toBe('/app/assets/tray/tray-idle-dark.ico');
  });

  it('toggles the window on the tray activation Linux reports as a click', () => {
    const { fake, onClick } = tray('linux');
    fake.emit('click');
    expect(onClick).toHaveBeenCalledTimes(1);
  });

  it('sets the context menu again on every change on Linux, and not when nothing changed', () => {
    const { appTray, fake } = tray('linux');
    appTray.update(makeSnapshot());
    appTray.update(makeSnapshot({ tasks: [makeTaskView({ state: 'waiting', label: 'Lamp' })] }));
    appTray.update(makeSnapshot({ tasks: [makeTaskView({ state: 'waiting', label: 'Lamp', id: 'same' })] }));
    const before = fake.contextMenuSets;
    appTray.update(makeSnapshot({ tasks: [makeTaskView({ state: 'waiting', label: 'Lamp', id: 'same' })] }));
    expect(before).toBe(3);
    expect(fake.contextMenuSets).toBe(3);
  });

  it('keeps left click for the window and pops the menu on right click elsewhere', () => {
    const { appTray, fake, onClick } = tray('darwin');
    appTray.update(makeSnapshot());
    fake.emit('click');
    fake.emit('right-click');
    expect(onClick).toHaveBeenCalledTimes(1);
    expect(fake.popUps).toBe(1);
    expect(fake.contextMenuSets).toBe(0);
  });

  it('turns menu items into Electron items whose clicks dispatch the action', () => {
    const dispatch = vi.fn();
    const template = toElectronTemplate(
      [
        { label: 'Check now', action: { kind: 'check-now' } },
        { type: 'separator' },
        { label: 'Chair', submenu: [{ label: 'Remove', action: { kind: 'remove', taskId: 't1' } }] },
      ],
      dispatch,
    );
    expect(template[1]).toEqual({ type: 'separator' });
    (template[0]?.click as () => void)();
    const submenu = template[2]?.submenu as { click?: () => void }[];
    submenu[0]?.click?.();
    expect(dispatch.mock.calls).toEqual([[{ kind: 'check-now' }], [{ kind: 'remove', taskId: 't1' }]]);
  });
});
