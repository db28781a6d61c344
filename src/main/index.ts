// The composition root of the tray app: one instance, the core controller with Electron adapters, tray and window.
import {
  app,
  clipboard,
  globalShortcut,
  ipcMain,
  net,
  Notification,
  powerMonitor,
  protocol,
  safeStorage,
  shell,
} from 'electron';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAppController } from '../core/app/app-controller';
import { wrapHandlers } from '../core/app/ipc-result';
import { createSimDemo } from '../core/app/sim-demo';
import { systemClock } from '../core/clock';
import { parseTaskInput } from '../core/input/parse-task-input';
import { createLogger } from '../core/log/logger';
import { createKeytarKeyStore, loadKeytar } from '../core/secrets/keytar-key-store';
import type { Settings } from '../shared/settings';
import type { AppSnapshot } from '../shared/snapshot';
import { forwardSnapshots, registerIpcHandlers } from './ipc/register-ipc';
import { createElectronPlatform } from './platform';
import { createAppKeyStore } from './secrets/app-key-store';
import { createSecretSlot } from './secrets/secret-slot';
import { createConfAppStore } from './store/app-store';
import { electronConfFactory } from './store/electron-conf';
import { withNotices } from './store/with-notices';
import { describeAddResult } from './system/add-feedback';
import { applyAppIdentity } from './system/app-identity';
import { registerAppImageHandler } from './system/appimage-handler';
import { takeFirstLaunch } from './system/first-launch';
import { installCrashLogging } from './system/crash-logging';
import { watchClipboard } from './system/clipboard-watch';
import { addRequestFromLink, addRequestsFromArgv, isDemoLaunch, PROTOCOL, type AddRequest } from './system/launch-args';
import { reconcileLoginItem } from './system/login-item';
import {
  createNotifier,
  notificationClickAction,
  notificationSupportNotice,
  type NotificationRequest,
} from './system/notifier';
import { watchPower } from './system/power';
import { applyShortcuts, enableShortcutsPortal } from './system/shortcuts';
import { createAppTray } from './tray/app-tray';
import { runTrayAction } from './tray/tray-actions';
import type { TrayMenuItem } from './tray/tray-menu';
import { createPopover } from './window/popover-window';
import { createPreviewRegistry, PREVIEW_SCHEME, servePreview } from './window/preview-protocol';
import { isRendererUrl, rendererLocation, rendererOrigin } from './window/renderer-location';

const here = dirname(fileURLToPath(import.meta.url));
const testHooks = process.env.RODIN_TRAY_TEST_HOOKS === '1';

// The Windows AppUserModelID and the data folder; must happen before anything reads userData or notifies.
applyAppIdentity(app, process.platform, process.env);
enableShortcutsPortal(app.commandLine, process.platform);

// Custom schemes must be declared before the app is ready. The 3D view fetch()es models from the preview scheme, which
// Chromium allows a custom scheme only with supportFetchAPI, and cross-origin (from the page) only with corsEnabled.
protocol.registerSchemesAsPrivileged([
  { scheme: PREVIEW_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } },
]);

/** What the Playwright spec reads through electronApp.evaluate; only present with RODIN_TRAY_TEST_HOOKS=1. */
interface TestHooks {
  notifications: NotificationRequest[];
  trayMenu: TrayMenuItem[];
  snapshot: () => AppSnapshot;
}

/** Every API key this process has seen (stored, env, demo): the logger hides them even when not JWT-shaped. */
const knownSecrets = new Set<string>();
const logger = createLogger({
  level: 'warn',
  sink: (line) => process.stderr.write(`${line}\n`),
  now: Date.now,
  secrets: () => [...knownSecrets],
});

const pendingAdds: AddRequest[] = addRequestsFromArgv(process.argv);
let handleAdd: ((request: AddRequest) => void) | undefined;

function enqueueAdd(request: AddRequest): void {
  if (handleAdd) handleAdd(request);
  else pendingAdds.push(request);
}

if (!app.requestSingleInstanceLock()) {
  // The running instance receives our argv through 'second-instance'.
  app.quit();
} else {
  // macOS delivers links through open-url, possibly before ready.
  app.on('open-url', (event, url) => {
    event.preventDefault();
    enqueueAdd(addRequestFromLink(url));
  });
  // A tray app lives on without windows.
  app.on('window-all-closed', () => undefined);
  installCrashLogging({ process, app }, logger);
  void app.whenReady().then(start);
}

async function start(): Promise<void> {
  if (process.defaultApp && process.argv[1]) {
    app.setAsDefaultProtocolClient(PROTOCOL, process.execPath, [resolve(process.argv[1])]);
  } else if (process.platform === 'linux' && process.env.APPIMAGE) {
    void registerAppImageHandler(PROTOCOL, () => app.setAsDefaultProtocolClient(PROTOCOL)).catch((error: unknown) =>
      logger.warn('Could not register rodin-tray:// links', error instanceof Error ? error.message : ''),
    );
  } else {
    app.setAsDefaultProtocolClient(PROTOCOL);
  }
  if (process.platform === 'darwin') app.dock?.hide();

  const userData = app.getPath('userData');
  const keyNotices: string[] = [];
  const slot = createSecretSlot({ cwd: userData, factory: electronConfFactory, now: Date.now });
  let keytarReason: string | undefined;
  const keytar = await loadKeytar((reason) => (keytarReason = reason));
  const appKeyStore = createAppKeyStore({
    keychain: keytar ? createKeytarKeyStore({ keytar }) : undefined,
    ...(keytarReason ? { keychainMissingReason: keytarReason } : {}),
    safeStorage,
    platform: process.platform,
    slot,
    env: process.env,
    onNotice: (notice) => keyNotices.push(notice),
  });
  const keyStore: typeof appKeyStore = {
    ...appKeyStore,
    async get() {
      const bound = await appKeyStore.get();
      if (bound) knownSecrets.add(bound.key);
      return bound;
    },
    async set(key, origin) {
      knownSecrets.add(key);
      return appKeyStore.set(key, origin);
    },
  };
  // Asking once now settles the keychain-or-fallback question before the controller reads the notices.
  await keyStore.status().catch(() => undefined);
  const confStore = createConfAppStore({ cwd: userData, factory: electronConfFactory, clock: systemClock });
  // Said once in the window: what the system will not do for us, or what the user must do in it.
  const platformNotices = [
    notificationSupportNotice(Notification.isSupported(), process.platform),
    reconcileLoginItem(app, process.platform, confStore),
  ].filter((notice) => notice !== undefined);
  const store = withNotices(confStore, () => [...slot.notices(), ...keyNotices, ...platformNotices]);

  const location = rendererLocation(
    join(here, '../renderer/index.html'),
    app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL,
  );
  const previews = createPreviewRegistry();
  // Confined to the task's own folder under a download root; the roots come from the controller once it exists.
  // Only requests from our page get the CORS header that lets its fetch() read a model.
  let previewRoots = (): string[] => [];
  const pageOrigin = rendererOrigin(location);
  protocol.handle(PREVIEW_SCHEME, (request) =>
    servePreview(
      previews,
      request.url,
      previewRoots(),
      request.headers.get('origin') === pageOrigin ? pageOrigin : undefined,
    ),
  );

  const simDemo = createSimDemo();
  const popover = createPopover({
    preloadPath: join(here, '../preload/index.cjs'),
    rendererIndexPath: join(here, '../renderer/index.html'),
    location,
    trayBounds: () => tray.bounds(),
    openExternal: (url) => void shell.openExternal(url),
    devTools: !app.isPackaged,
    platform: process.platform,
    log: (message) => logger.warn(message),
  });

  const controller = await createAppController({
    clock: systemClock,
    // Chromium's network stack: system proxies and certificates apply, as in the user's browser.
    fetch: (input: string | URL | Request, init?: RequestInit) =>
      net.fetch(input instanceof URL ? input.href : input, init),
    keyStore,
    store,
    platform: createElectronPlatform({
      hideWindow: () => popover.hide(),
      previews,
      dragSource: () => popover.window()?.webContents,
      dragIconPath: join(app.getAppPath(), 'assets', 'icon.png'),
      onNotice: (message) => notifier.show({ title: 'Rodin Tray', body: message }),
    }),
    logger,
    startDemo: async () => {
      const demo = await simDemo.startDemo();
      knownSecrets.add(demo.apiKey);
      return demo;
    },
  });
  previewRoots = () => controller.downloadRoots();
  const invoke = wrapHandlers(controller.handlers, (channel, error) =>
    logger.warn(`${channel} failed`, error instanceof Error ? error.message : String(error)),
  );

  const hooks: TestHooks | undefined = testHooks
    ? { notifications: [], trayMenu: [], snapshot: () => controller.snapshot() }
    : undefined;
  if (hooks) (globalThis as { __rodinTrayTest?: TestHooks }).__rodinTrayTest = hooks;

  const notifier = createNotifier({
    icon: join(app.getAppPath(), 'assets', 'icon.png'),
    platform: process.platform,
    onClick(taskId) {
      const action = notificationClickAction(controller.snapshot(), taskId);
      if (action.kind === 'open-folder') void invoke('tasks:open-folder', { id: action.taskId });
      else popover.show(action.taskId ? `task=${action.taskId}` : undefined);
    },
    ...(hooks ? { onShown: (request: NotificationRequest) => hooks.notifications.push(request) } : {}),
  });
  controller.onNotify((notification) => notifier.show(notification));

  async function addText(text: string, rejectedBefore: string[] = []): Promise<void> {
    const result = await invoke('tasks:add-text', { text });
    if (result.ok && rejectedBefore.length) result.value.rejected.unshift(...rejectedBefore);
    const feedback = describeAddResult(result);
    notifier.show({
      title: feedback.title,
      body: feedback.body,
      ...(feedback.taskId ? { taskId: feedback.taskId } : {}),
    });
  }
  handleAdd = (request) => {
    if (request.kind === 'text') void addText(request.text, request.rejected);
    else if (request.kind === 'link') {
      // Asks first (a native dialog through the platform); the feedback says what was added or why not.
      void controller.addFromLink(request.url).then((value) => {
        const feedback = describeAddResult({ ok: true, value });
        notifier.show({
          title: feedback.title,
          body: feedback.body,
          ...(feedback.taskId ? { taskId: feedback.taskId } : {}),
        });
      });
    } else
      notifier.show({ title: 'Nothing was added', body: request.rejected[0] ?? 'The request was not understood.' });
  };
  const addFromClipboard = async () => addText(await clipboard.readText());

  const tray = createAppTray({
    assetsDir: join(app.getAppPath(), 'assets'),
    platform: process.platform,
    onClick: () => popover.toggle(),
    onAction: (action) =>
      void runTrayAction(action, {
        invoke,
        showWindow: (route) => popover.show(route),
        addFromClipboard,
        quit: () => app.quit(),
        onFailure: (message) => notifier.show({ title: 'Rodin Tray', body: message }),
      }),
    ...(hooks ? { onMenu: (items: TrayMenuItem[]) => (hooks.trayMenu = items) } : {}),
  });

  registerIpcHandlers({
    ipcMain,
    handlers: controller.handlers,
    isTrustedUrl: (url) => isRendererUrl(url, location),
    onError: (channel, error) =>
      logger.warn(`${channel} failed`, error instanceof Error ? error.message : String(error)),
  });
  forwardSnapshots(
    (listener) => controller.onSnapshot(listener),
    () => popover.window()?.webContents,
  );

  let applied: Settings | undefined;
  let stopWatchingClipboard: (() => void) | undefined;
  function applySettings(settings: Settings): void {
    if (
      settings.shortcutToggleWindow !== applied?.shortcutToggleWindow ||
      settings.shortcutAddFromClipboard !== applied?.shortcutAddFromClipboard
    ) {
      const problems = applyShortcuts(globalShortcut, [
        { name: 'show or hide the window', accelerator: settings.shortcutToggleWindow, action: () => popover.toggle() },
        {
          name: 'add from clipboard',
          accelerator: settings.shortcutAddFromClipboard,
          action: () => void addFromClipboard(),
        },
      ]);
      for (const problem of problems) notifier.show({ title: 'Shortcut not set', body: problem });
    }
    if (settings.watchClipboard && !stopWatchingClipboard) {
      stopWatchingClipboard = watchClipboard({
        readText: () => clipboard.readText(),
        // Only text that holds a task is worth a notification; everything else a user copies is none of ours.
        onText: (text) => {
          if (parseTaskInput(text).tasks.length > 0) void addText(text);
        },
      });
    } else if (!settings.watchClipboard && stopWatchingClipboard) {
      stopWatchingClipboard();
      stopWatchingClipboard = undefined;
    }
    applied = settings;
  }

  const initial = controller.snapshot();
  tray.update(initial);
  applySettings(initial.settings);
  controller.onSnapshot((snapshot) => {
    tray.update(snapshot);
    if (snapshot.settings !== applied) applySettings(snapshot.settings);
  });
  const stopPower = watchPower({ powerMonitor, isOnline: () => net.isOnline(), controller });

  // macOS: the app opened again while running (Finder, Spotlight), e.g. by a user whose menu-bar icon is hidden.
  app.on('activate', () => popover.show());
  app.on('second-instance', (_event, commandLine) => {
    const requests = addRequestsFromArgv(commandLine);
    if (requests.length === 0) popover.show();
    for (const request of requests) enqueueAdd(request);
  });

  // Nothing here waits: the store is written synchronously, so quitting is never refused. A prevented quit is what
  // macOS reads as an app refusing to quit at logout or restart.
  let quitting = false;
  app.on('before-quit', () => {
    if (quitting) return;
    quitting = true;
    stopPower();
    stopWatchingClipboard?.();
    globalShortcut.unregisterAll();
    try {
      void controller.shutdown();
    } catch (error) {
      logger.error('Saving on quit failed', error instanceof Error ? error.message : '');
    }
    // The demo simulator is a server inside this process; it ends with it.
    void simDemo.stop().catch(() => undefined);
    tray.destroy();
  });

  if (isDemoLaunch(process.argv, process.env)) {
    const result = await invoke('demo:start', undefined);
    if (!result.ok) notifier.show({ title: 'The demo could not start', body: result.error.message });
    else popover.show();
  } else if (takeFirstLaunch(userData, process.platform)) {
    popover.show();
  }
  for (const request of pendingAdds.splice(0)) handleAdd(request);
}
