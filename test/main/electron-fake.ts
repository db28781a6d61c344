// A recording stand-in for the parts of Electron the main adapters use; tests install it with vi.mock('electron').
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

export class FakeTray extends EventEmitter {
  static instances: FakeTray[] = [];
  image: unknown;
  tooltip = '';
  title = '';
  contextMenuSets = 0;
  popUps = 0;
  destroyed = false;
  constructor(image: unknown) {
    super();
    this.image = image;
    FakeTray.instances.push(this);
  }
  setImage(image: unknown) {
    this.image = image;
  }
  setToolTip(text: string) {
    this.tooltip = text;
  }
  setTitle(text: string) {
    this.title = text;
  }
  setContextMenu() {
    this.contextMenuSets += 1;
  }
  popUpContextMenu() {
    this.popUps += 1;
  }
  getBounds() {
    return { x: 1000, y: 0, width: 24, height: 24 };
  }
  destroy() {
    this.destroyed = true;
  }
}

export class FakeWebContents extends EventEmitter {
  openHandler: ((details: { url: string }) => { action: string }) | undefined;
  executed: string[] = [];
  sent: unknown[][] = [];
  /** Every webContents.startDrag(item) call, as Electron would get it. */
  drags: { file: string; icon: unknown }[] = [];
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.openHandler = handler;
  }
  isDevToolsFocused() {
    return false;
  }
  executeJavaScript(code: string) {
    this.executed.push(code);
    return Promise.resolve();
  }
  send(...args: unknown[]) {
    this.sent.push(args);
  }
  startDrag(item: { file: string; icon: unknown }) {
    // Electron throws on a missing file or (on macOS) an empty icon; the fake insists on both too.
    if (!item.file || !item.icon) throw new TypeError('startDrag needs a file and an icon');
    this.drags.push(item);
  }
  isDestroyed() {
    return false;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  webContents = new FakeWebContents();
  visible = false;
  loadedFile: string | undefined;
  loadedUrl: string | undefined;
  bounds = { x: 0, y: 0, width: 380, height: 560 };
  boundsSet: Record<string, number>[] = [];
  positionCalls = 0;
  allWorkspaces: [boolean, Record<string, unknown> | undefined][] = [];
  destroyed = false;
  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.instances.push(this);
  }
  loadFile(file: string) {
    this.loadedFile = file;
    return Promise.resolve();
  }
  loadURL(url: string) {
    this.loadedUrl = url;
    return Promise.resolve();
  }
  show() {
    this.visible = true;
  }
  hide() {
    this.visible = false;
  }
  focus() {}
  isVisible() {
    return this.visible;
  }
  getBounds() {
    return { ...this.bounds };
  }
  /** As documented: properties left out keep their current values. */
  setBounds(bounds: Partial<Record<'x' | 'y' | 'width' | 'height', number>>) {
    this.boundsSet.push({ ...bounds });
    this.bounds = { ...this.bounds, ...bounds };
  }
  setPosition(x: number, y: number) {
    this.positionCalls += 1;
    this.bounds = { ...this.bounds, x, y };
  }
  setVisibleOnAllWorkspaces(visible: boolean, options?: Record<string, unknown>) {
    this.allWorkspaces.push([visible, options]);
  }
  /** As documented: closes at once without 'close'/'beforeunload', then emits 'closed'. */
  destroy() {
    this.destroyed = true;
    this.visible = false;
    this.emit('closed');
  }
  isDestroyed() {
    return this.destroyed;
  }
}

export interface FakeActivation {
  type: string;
  arguments: string;
}

export class FakeNotification extends EventEmitter {
  static instances: FakeNotification[] = [];
  static supported = true;
  static activationHandler: ((details: FakeActivation) => void) | undefined;
  /** An activation that happened before anyone called handleActivation (the click that launched the app). */
  static pendingActivation: FakeActivation | undefined;
  shown = false;
  constructor(readonly options: { title: string; body: string; silent?: boolean; toastXml?: string }) {
    super();
    FakeNotification.instances.push(this);
  }
  static isSupported() {
    return FakeNotification.supported;
  }
  /** As documented: replays an activation that came before registration, then calls back on each new one. */
  static handleActivation(callback: (details: FakeActivation) => void) {
    FakeNotification.activationHandler = callback;
    const pending = FakeNotification.pendingActivation;
    FakeNotification.pendingActivation = undefined;
    if (pending) callback(pending);
  }
  /** Test driver: Windows activates a toast (from the screen, Action Center, or a cold start). */
  static activate(details: FakeActivation) {
    if (FakeNotification.activationHandler) FakeNotification.activationHandler(details);
    else FakeNotification.pendingActivation = details;
  }
  show() {
    this.shown = true;
  }
}

/** `shouldUseDarkColorsForSystemIntegratedUI` is documented for Windows and macOS only: undefined stands for Linux. */
export const fakeNativeTheme = Object.assign(new EventEmitter(), {
  shouldUseDarkColors: false,
  shouldUseDarkColorsForSystemIntegratedUI: undefined as boolean | undefined,
});

export function fakeElectron() {
  return {
    Tray: FakeTray,
    BrowserWindow: FakeBrowserWindow,
    Notification: FakeNotification,
    Menu: { buildFromTemplate: vi.fn((template: unknown[]) => ({ template })) },
    nativeImage: {
      createFromPath: vi.fn((path: string) => ({
        path,
        template: false,
        setTemplateImage(this: { template: boolean }, on: boolean) {
          this.template = on;
        },
        resize(this: { path: string }, size: { width: number }) {
          return { path: this.path, width: size.width, isEmpty: () => false };
        },
      })),
    },
    nativeTheme: fakeNativeTheme,
    screen: {
      getDisplayNearestPoint: () => ({ workArea: { x: 0, y: 25, width: 1440, height: 875 } }),
      getPrimaryDisplay: () => ({ workArea: { x: 0, y: 25, width: 1440, height: 875 } }),
    },
    clipboard: { writeText: vi.fn(() => Promise.resolve()), readText: vi.fn(() => Promise.resolve('')) },
    shell: {
      openPath: vi.fn(() => Promise.resolve('')),
      openExternal: vi.fn(() => Promise.resolve()),
      showItemInFolder: vi.fn(),
    },
    dialog: {
      showOpenDialog: vi.fn(() => Promise.resolve({ canceled: false, filePaths: ['/chosen'] })),
      showMessageBox: vi.fn((options: FakeMessageBoxOptions) =>
        Promise.resolve({ response: messageBoxResponse(options, fakeDialog.nextAction), checkboxChecked: false }),
      ),
    },
    app: { getPath: vi.fn(() => '/home/u/Downloads'), setLoginItemSettings: vi.fn() },
  };
}

/** What the user does with the next message box: click a button (by label), press Esc, or press Enter. */
export type FakeDialogAction = { click: string } | 'escape' | 'enter';
export const fakeDialog: { nextAction: FakeDialogAction } = { nextAction: 'escape' };

interface FakeMessageBoxOptions {
  message: string;
  buttons?: string[];
  defaultId?: number;
  cancelId?: number;
}

/**
 * As Electron documents dialog.showMessageBox: it resolves with the index of the clicked button. Esc answers
 * `cancelId`, which defaults to the first button labelled "cancel" or "no", else 0; Enter answers the focused
 * `defaultId` button (0 unless set).
 */
function messageBoxResponse(options: FakeMessageBoxOptions, action: FakeDialogAction): number {
  const buttons = options.buttons ?? ['OK'];
  if (action === 'enter') return options.defaultId ?? 0;
  if (action === 'escape') {
    if (options.cancelId !== undefined) return options.cancelId;
    const cancel = buttons.findIndex((label) => /^(cancel|no)$/i.test(label.trim()));
    return cancel >= 0 ? cancel : 0;
  }
  const index = buttons.indexOf(action.click);
  if (index < 0) throw new Error(`The message box has no "${action.click}" button: ${buttons.join(', ')}`);
  return index;
}

export function resetFakes() {
  fakeDialog.nextAction = 'escape';
  FakeTray.instances = [];
  FakeBrowserWindow.instances = [];
  FakeNotification.instances = [];
  FakeNotification.supported = true;
  FakeNotification.activationHandler = undefined;
  FakeNotification.pendingActivation = undefined;
  fakeNativeTheme.shouldUseDarkColors = false;
  fakeNativeTheme.shouldUseDarkColorsForSystemIntegratedUI = undefined;
  fakeNativeTheme.removeAllListeners();
}
