import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fakeDialog, FakeNotification, resetFakes } from '../electron-fake';
import type { fakeElectron } from '../electron-mock';
import { makeSnapshot, makeTaskView } from '../snapshot-fixtures';

vi.mock('electron', async () => (await import('../electron-mock')).fakeElectron());

const electron = (await import('electron')) as unknown as ReturnType<typeof fakeElectron>;
const { buildToastXml, createNotifier, notificationClickAction, notificationSupportNotice, taskIdFromActivation } =
  await import('../../../src/main/system/notifier');
const { watchClipboard } = await import('../../../src/main/system/clipboard-watch');
const { applyShortcuts } = await import('../../../src/main/system/shortcuts');
const { watchPower } = await import('../../../src/main/system/power');
const { runTrayAction } = await import('../../../src/main/tray/tray-actions');
const { createElectronPlatform } = await import('../../../src/main/platform');
const { createPreviewRegistry } = await import('../../../src/main/window/preview-protocol');
const { keyOriginQuestion } = await import('../../../src/core/app/key-origin-question');

beforeEach(resetFakes);
afterEach(() => {
  vi.useRealTimers();
});

describe('notifier', () => {
  it('raises a native notification, silent when sound is off, and reports clicks with the task id', () => {
    const onClick = vi.fn();
    const notifier = createNotifier({ onClick });
    expect(notifier.show({ title: 'Done: Chair', body: 'Finished after 1 min.', taskId: 't1', sound: false })).toBe(
      true,
    );
    const [notification] = FakeNotification.instances;
    expect(notification?.shown).toBe(true);
    expect(notification?.options).toMatchObject({ title: 'Done: Chair', silent: true });
    notification?.emit('click');
    expect(onClick).toHaveBeenCalledWith('t1');
  });

  it('does nothing where notifications are not supported', () => {
    FakeNotification.supported = false;
    expect(createNotifier({ onClick: vi.fn() }).show({ title: 't', body: 'b' })).toBe(false);
    expect(FakeNotification.instances).toHaveLength(0);
  });

  it('says once, in the window, that notifications are unavailable instead of dropping them silently', () => {
    expect(notificationSupportNotice(true, 'linux')).toBeUndefined();
    expect(notificationSupportNotice(false, 'linux')).toMatch(/not available.*libnotify/);
    expect(notificationSupportNotice(false, 'win32')).not.toContain('libnotify');
  });

  it('on Windows, raises a toast that carries its task, and routes its activation there', () => {
    const onClick = vi.fn();
    const notifier = createNotifier({ onClick, platform: 'win32', icon: 'C:\\Rodin Tray\\icon.png' });
    notifier.show({ title: 'Done: Chair', body: 'Finished.', taskId: 't1' });
    const [notification] = FakeNotification.instances;
    expect(notification?.options.toastXml).toContain('launch="type=click&amp;task=t1"');
    expect(notification?.options.toastXml).toContain('src="file:///C:/Rodin Tray/icon.png"');
    // Windows hands the toast's launch arguments back, whether the object is alive or not.
    FakeNotification.activate({ type: 'click', arguments: 'type=click&task=t1' });
    expect(onClick.mock.calls).toEqual([['t1']]);
  });

  it('on Windows, opens the task of a toast clicked in Action Center after a restart, and of the click that launched the app', () => {
    FakeNotification.activate({ type: 'click', arguments: 'type=click&task=before-launch' });
    const onClick = vi.fn();
    createNotifier({ onClick, platform: 'win32' });
    FakeNotification.activate({ type: 'click', arguments: 'type=click&task=from-yesterday' });
    expect(onClick.mock.calls).toEqual([['before-launch'], ['from-yesterday']]);
  });

  it('on Windows, leaves the click to the activation handler so a task is not opened twice', () => {
    const onClick = vi.fn();
    createNotifier({ onClick, platform: 'win32' }).show({ title: 't', body: 'b', taskId: 't1' });
    FakeNotification.instances[0]?.emit('click');
    expect(onClick).not.toHaveBeenCalled();
  });

  it('builds toast XML with escaped text and no sound when asked', () => {
    const xml = buildToastXml({ title: 'Done: <Chair & "Lamp">', body: "it's ready", sound: false });
    expect(xml).toContain('<text>Done: &lt;Chair &amp; &quot;Lamp&quot;&gt;</text>');
    expect(xml).toContain('<text>it&apos;s ready</text>');
    expect(xml).toContain('<audio silent="true"/>');
    expect(taskIdFromActivation('type=click')).toBeUndefined();
  });

  it('opens the results folder for a downloaded task and shows the window otherwise', () => {
    const downloaded = makeTaskView({ state: 'done', download: { status: 'done' } });
    const failed = makeTaskView({ state: 'failed' });
    const snapshot = makeSnapshot({ tasks: [downloaded, failed] });
    expect(notificationClickAction(snapshot, downloaded.id)).toEqual({ kind: 'open-folder', taskId: downloaded.id });
    expect(notificationClickAction(snapshot, failed.id)).toEqual({ kind: 'show-window', taskId: failed.id });
    expect(notificationClickAction(snapshot, undefined)).toEqual({ kind: 'show-window' });
  });
});

describe('clipboard watching', () => {
  it('offers only text copied after watching began, once per change', async () => {
    vi.useFakeTimers();
    let text = 'copied before';
    const seen: string[] = [];
    const stop = watchClipboard({
      readText: () => Promise.resolve(text),
      onText: (t) => seen.push(t),
      intervalMs: 100,
    });
    await vi.advanceTimersByTimeAsync(250);
    text = 'eyJ.new.key';
    await vi.advanceTimersByTimeAsync(300);
    stop();
    text = 'after stop';
    await vi.advanceTimersByTimeAsync(300);
    expect(seen).toEqual(['eyJ.new.key']);
  });
});

describe('global shortcuts', () => {
  it('registers each binding and names the ones another app holds', () => {
    const registered: string[] = [];
    const globalShortcut = {
      register: (accelerator: string) => {
        if (accelerator === 'Bad+Key') throw new Error('invalid');
        registered.push(accelerator);
        return accelerator !== 'CommandOrControl+Alt+V';
      },
      unregisterAll: vi.fn(),
    };
    const problems = applyShortcuts(globalShortcut, [
      { name: 'toggle', accelerator: 'CommandOrControl+Alt+R', action: vi.fn() },
      { name: 'add from clipboard', accelerator: 'CommandOrControl+Alt+V', action: vi.fn() },
      { name: 'broken', accelerator: 'Bad+Key', action: vi.fn() },
      { name: 'off', accelerator: '', action: vi.fn() },
    ]);
    expect(globalShortcut.unregisterAll).toHaveBeenCalled();
    expect(registered).toEqual(['CommandOrControl+Alt+R', 'CommandOrControl+Alt+V']);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toContain('CommandOrControl+Alt+V');
  });
});

describe('power and network', () => {
  it('pauses on suspend, checks on resume and reports online changes only when they happen', async () => {
    vi.useFakeTimers();
    const powerMonitor = new EventEmitter();
    const controller = { suspend: vi.fn(), resume: vi.fn(), setOnline: vi.fn() };
    let online = true;
    const stop = watchPower({ powerMonitor, isOnline: () => online, controller, intervalMs: 1_000 });
    powerMonitor.emit('suspend');
    powerMonitor.emit('resume');
    await vi.advanceTimersByTimeAsync(2_000);
    online = false;
    await vi.advanceTimersByTimeAsync(1_000);
    online = true;
    await vi.advanceTimersByTimeAsync(3_000);
    stop();
    powerMonitor.emit('suspend');
    expect(controller.suspend).toHaveBeenCalledTimes(1);
    expect(controller.resume).toHaveBeenCalledTimes(1);
    expect(controller.setOnline.mock.calls).toEqual([[true], [false], [true]]);
  });
});

describe('tray actions', () => {
  function deps() {
    return {
      invoke: vi.fn((_channel: string, _request: unknown) => Promise.resolve({ ok: true, value: undefined })),
      showWindow: vi.fn(),
      addFromClipboard: vi.fn(() => Promise.resolve()),
      newGenerationFromClipboard: vi.fn(),
      quit: vi.fn(),
      onFailure: vi.fn(),
    };
  }

  it('maps task items to controller channels', async () => {
    const d = deps();
    await runTrayAction({ kind: 'copy', taskId: 't1', what: 'task-uuid' }, d as never);
    await runTrayAction({ kind: 'pause-notifications', minutes: 60 }, d as never);
    expect(d.invoke.mock.calls).toEqual([
      ['tasks:copy', { id: 't1', what: 'task-uuid' }],
      ['notifications:pause', { minutes: 60 }],
    ]);
  });

  it('opens the new-generation form from the clipboard without calling a channel itself', async () => {
    const d = deps();
    await runTrayAction({ kind: 'new-generation-from-clipboard' }, d as never);
    expect(d.newGenerationFromClipboard).toHaveBeenCalledTimes(1);
    expect(d.invoke).not.toHaveBeenCalled();
  });

  it('shows the window on the task or on settings', async () => {
    const d = deps();
    await runTrayAction({ kind: 'show-window', taskId: 't1' }, d as never);
    await runTrayAction({ kind: 'settings' }, d as never);
    expect(d.showWindow.mock.calls).toEqual([['task=t1'], ['settings']]);
  });

  it('says why an action failed', async () => {
    const d = deps();
    d.invoke.mockResolvedValueOnce({
      ok: false,
      error: { code: 'NOT_DOWNLOADED', message: 'Nothing downloaded yet.' },
    } as never);
    await runTrayAction({ kind: 'open-folder', taskId: 't1' }, d as never);
    expect(d.onFailure).toHaveBeenCalledWith('Nothing downloaded yet.');
  });
});

describe('electron platform', () => {
  const platform = () =>
    createElectronPlatform({
      hideWindow: vi.fn(),
      previews: createPreviewRegistry(),
      dragSource: () => undefined,
      dragIconPath: '/app/assets/icon.png',
    });

  it('turns a folder that cannot be opened into an error', async () => {
    electron.shell.openPath.mockResolvedValueOnce('No application is associated');
    await expect(platform().openPath('/x')).rejects.toThrow(/could not be opened/);
  });

  it('defaults downloads to Downloads/Rodin and sets the login item', async () => {
    expect(platform().defaultDownloadRoot()).toBe('/home/u/Downloads/Rodin');
    // On Linux the login item is an XDG autostart file: keep it in a temp config home, never the real one.
    const configHome = mkdtempSync(join(tmpdir(), 'rodin-config-'));
    vi.stubEnv('XDG_CONFIG_HOME', configHome);
    try {
      platform().setLaunchAtLogin(true);
      const calls = electron.app.setLoginItemSettings.mock.calls;
      expect(calls).toEqual(process.platform === 'linux' ? [] : [[{ openAtLogin: true }]]);
      if (process.platform === 'linux') {
        await vi.waitFor(() => expect(existsSync(join(configHome, 'autostart', 'rodin-tray.desktop'))).toBe(true));
      }
    } finally {
      vi.unstubAllEnvs();
      rmSync(configHome, { recursive: true, force: true });
    }
  });

  it('returns the chosen folder, or null when cancelled', async () => {
    expect(await platform().chooseFolder()).toBe('/chosen');
    electron.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: true, filePaths: [] });
    expect(await platform().chooseFolder()).toBeNull();
  });
});

describe('native questions', () => {
  const platform = () =>
    createElectronPlatform({
      hideWindow: () => undefined,
      previews: createPreviewRegistry(),
      dragSource: () => undefined,
      dragIconPath: '/app/assets/icon.png',
    });
  const question = keyOriginQuestion('https://api.hyper3d.com', 'http://127.0.0.1:9');

  it('asks in a native message box naming the new host, and says yes only for the yes button', async () => {
    fakeDialog.nextAction = { click: 'Use the key there' };
    expect(await platform().confirm(question)).toBe(true);
    const options = electron.dialog.showMessageBox.mock.calls.at(-1)?.[0];
    expect(options).toMatchObject({
      message: 'Send your Rodin API key to http://127.0.0.1:9?',
      buttons: ['Use the key there', 'Cancel'],
    });
    fakeDialog.nextAction = { click: 'Cancel' };
    expect(await platform().confirm(question)).toBe(false);
  });

  it('treats Esc and a stray Enter as Cancel', async () => {
    fakeDialog.nextAction = 'escape';
    expect(await platform().confirm(question)).toBe(false);
    fakeDialog.nextAction = 'enter';
    expect(await platform().confirm(question)).toBe(false);
  });
});
