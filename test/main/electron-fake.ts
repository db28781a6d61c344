// The one recording stand-in for Electron's main-process API, shared by the vitest suites (through vi.mock, see
// electron-mock.ts) and the built-bundle smoke test (a child Node loads it through bundle-fixtures/child-electron.js).
// Only node: imports, so the child can run it without vitest. Where Electron documents a behaviour that differs from
// Node (net.fetch, net.request redirects), this fake follows Electron's documentation, not Node.
import { EventEmitter } from 'node:events';
import { readFile } from 'node:fs/promises';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';

/** Everything the fake saw that has no object of its own; plain data so the child can send it as JSON. */
export const fakeState = {
  singleInstanceLock: 0,
  userDataSet: [] as [string, string][],
  defaultProtocolClients: [] as unknown[][],
  privilegedSchemes: [] as { scheme: string; privileges?: Record<string, boolean> }[],
  protocolHandlers: new Map<string, (request: Request) => Response | Promise<Response>>(),
  ipcHandlers: new Map<string, (event: unknown, request: unknown) => Promise<unknown>>(),
  ipcOn: [] as string[],
  menus: 0,
  lastMenu: [] as unknown[],
  shortcuts: [] as string[],
  loginItem: [] as unknown[],
  /** app.commandLine.appendSwitch calls. */
  switches: [] as [string, string | undefined][],
  /** URLs given to net.fetch, then to net.request (every hop), in order. */
  fetches: [] as string[],
  requests: [] as string[],
  permissionHandlers: {} as Record<'request' | 'check' | 'device', ((...args: never[]) => unknown) | null | undefined>,
  quit: { calls: 0, prevented: 0, completed: false },
};

export class FakeImage {
  template = false;
  constructor(readonly path: string) {}
  setTemplateImage(on: boolean) {
    this.template = on;
  }
  isEmpty() {
    return !this.path;
  }
  resize(size: { width: number }) {
    const image = new FakeImage(this.path);
    image.width = size.width;
    return image;
  }
  width?: number;
}

export class FakeTray extends EventEmitter {
  static instances: FakeTray[] = [];
  image: unknown;
  /** Every image set, the first one included. */
  images: unknown[] = [];
  tooltip = '';
  title = '';
  contextMenuSets = 0;
  popUps = 0;
  destroyed = false;
  constructor(image: unknown) {
    super();
    this.image = image;
    this.images.push(image);
    FakeTray.instances.push(this);
  }
  setImage(image: unknown) {
    this.image = image;
    this.images.push(image);
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
  shown = 0;
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
  static getAllWindows() {
    return [...FakeBrowserWindow.instances];
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
    this.shown += 1;
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
  constructor(readonly options: { title: string; body: string; silent?: boolean; icon?: string; toastXml?: string }) {
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
  close() {}
}

/** `shouldUseDarkColorsForSystemIntegratedUI` is documented for Windows and macOS only: undefined stands for Linux. */
export const fakeNativeTheme = Object.assign(new EventEmitter(), {
  shouldUseDarkColors: false,
  shouldUseDarkColorsForSystemIntegratedUI: undefined as boolean | undefined,
  themeSource: 'system',
});

export interface FakeAppOptions {
  appPath?: string;
  /** app.getPath answers; anything not listed throws, as a typo in a path name would in Electron. */
  paths?: Record<string, string>;
  isPackaged?: boolean;
  /** Called once quitting is no longer prevented (the child reports and exits here). */
  onQuit?: () => void;
}

class FakeApp extends EventEmitter {
  isPackaged: boolean;
  dock = { hide() {} };
  commandLine = {
    appendSwitch(name: string, value?: string) {
      fakeState.switches.push([name, value]);
    },
  };
  #paths: Map<string, string>;
  #appPath: string;
  #onQuit: (() => void) | undefined;
  constructor(options: FakeAppOptions) {
    super();
    this.isPackaged = options.isPackaged ?? false;
    this.#appPath = options.appPath ?? process.cwd();
    this.#paths = new Map(
      Object.entries({
        // Never a real profile: a test that forgets to pass its own folder writes under the temp folder.
        appData: join(tmpdir(), 'rodin-fake-electron'),
        userData: join(tmpdir(), 'rodin-fake-electron', 'rodin-tray'),
        downloads: '/home/u/Downloads',
        temp: tmpdir(),
        ...options.paths,
      }),
    );
    this.#onQuit = options.onQuit;
  }
  requestSingleInstanceLock() {
    fakeState.singleInstanceLock += 1;
    return true;
  }
  whenReady() {
    return Promise.resolve();
  }
  isReady() {
    return true;
  }
  setPath(name: string, value: string) {
    fakeState.userDataSet.push([name, value]);
    this.#paths.set(name, value);
  }
  getPath(name: string) {
    const value = this.#paths.get(name);
    if (!value) throw new Error(`fake electron: no path for ${name}`);
    return value;
  }
  getAppPath() {
    return this.#appPath;
  }
  getVersion() {
    return '0.1.0';
  }
  getName() {
    return 'rodin-tray';
  }
  setAsDefaultProtocolClient(...args: unknown[]) {
    fakeState.defaultProtocolClients.push(args);
    return true;
  }
  getLoginItemSettings() {
    return { openAtLogin: false, executableWillLaunchAtLogin: false, launchItems: [] as unknown[] };
  }
  setLoginItemSettings(settings: unknown) {
    fakeState.loginItem.push(settings);
  }
  quit() {
    fakeState.quit.calls += 1;
    const event = {
      defaultPrevented: false,
      preventDefault() {
        this.defaultPrevented = true;
      },
    };
    this.emit('before-quit', event);
    if (event.defaultPrevented) {
      fakeState.quit.prevented += 1;
      return;
    }
    this.emit('will-quit', event);
    this.emit('quit');
    fakeState.quit.completed = true;
    this.#onQuit?.();
  }
  exit() {
    this.quit();
  }
}

// ---- net: Electron's documented semantics, over real HTTP to 127.0.0.1 ----------------------------------------------

type RedirectMode = 'follow' | 'error' | 'manual';
/** Chromium's limit (net::ERR_TOO_MANY_REDIRECTS). */
const MAX_REDIRECTS = 20;

/**
 * net.request's ClientRequest as docs/api/client-request.md describes it: 'redirect' is emitted for every redirect;
 * in 'manual' mode the request dies with "Redirect was cancelled" unless followRedirect() is called synchronously in
 * the listener; in 'error' mode any redirect is an error; in 'follow' mode the listener may abort().
 */
export class FakeClientRequest extends EventEmitter {
  readonly url: string;
  readonly method: string;
  readonly redirectMode: RedirectMode;
  readonly headers = new Map<string, string>();
  #followRedirect: (() => void) | undefined;
  #aborted = false;
  #done = false;
  #current: ReturnType<typeof httpRequest> | undefined;
  #body: Buffer | undefined;
  #hops = 0;

  constructor(options: string | { url: string; method?: string; redirect?: RedirectMode }, allowAnyProtocol = false) {
    super();
    const parsed = typeof options === 'string' ? { url: options } : options;
    this.url = parsed.url;
    this.method = (parsed.method ?? 'GET').toUpperCase();
    this.redirectMode = parsed.redirect ?? 'follow';
    const protocol = new URL(this.url).protocol;
    if (!allowAnyProtocol && protocol !== 'http:' && protocol !== 'https:') {
      throw new Error('ClientRequest only supports http: and https: protocols');
    }
  }

  setHeader(name: string, value: string) {
    this.headers.set(name.toLowerCase(), value);
  }

  end(body?: Buffer | string) {
    if (body !== undefined) this.#body = Buffer.from(body);
    this.#start(this.url);
  }

  followRedirect() {
    if (!this.#followRedirect) throw new Error('followRedirect() called, but was not waiting for a redirect');
    this.#followRedirect();
  }

  abort() {
    if (!this.#aborted) process.nextTick(() => this.emit('abort'));
    this.#aborted = true;
    this.#die();
  }

  #die(error?: Error) {
    if (this.#done) return;
    this.#done = true;
    this.#current?.destroy();
    if (error) this.emit('error', error);
  }

  #start(url: string) {
    if (this.#aborted || this.#done) return;
    fakeState.requests.push(url);
    const target = new URL(url);
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(target, { method: this.method, headers: Object.fromEntries(this.headers) });
    this.#current = req;
    req.on('error', (error) => this.#die(new Error(`net::ERR_CONNECTION_FAILED (${error.message})`)));
    req.on('response', (res: IncomingMessage) => this.#onResponse(url, res));
    req.end(this.#body);
  }

  #onResponse(url: string, res: IncomingMessage) {
    const status = res.statusCode ?? 0;
    const location = res.headers.location;
    if (status < 300 || status >= 400 || status === 304 || !location) {
      // Electron's IncomingMessage is a Readable with statusCode, statusMessage and headers, as Node's is.
      this.emit('response', Object.assign(res, { urlList: [url] }));
      return;
    }
    res.resume();
    const next = new URL(location, url).href;
    if (++this.#hops > MAX_REDIRECTS) return this.#die(new Error('net::ERR_TOO_MANY_REDIRECTS'));
    const headers: Record<string, string[]> = {};
    for (const [name, value] of Object.entries(res.headers)) {
      if (value !== undefined) headers[name] = Array.isArray(value) ? value : [value];
    }
    const method = status === 303 && this.method !== 'HEAD' ? 'GET' : this.method;
    if (this.redirectMode === 'error') {
      return this.#die(new Error("Attempted to redirect, but redirect policy was 'error'"));
    }
    let follow = this.redirectMode === 'follow';
    this.#followRedirect = () => (follow = true);
    try {
      this.emit('redirect', status, method, next, headers);
    } finally {
      this.#followRedirect = undefined;
    }
    if (this.#aborted) return;
    if (!follow) return this.#die(new Error('Redirect was cancelled'));
    this.#start(next);
  }
}

const NULL_BODY_STATUS = [101, 204, 205, 304];

/**
 * net.fetch as docs/api/net.md documents it: built on net.request with the Request's redirect mode (so 'manual'
 * rejects with "Redirect was cancelled", electron/electron#43715), `file:` and custom schemes (protocol.handle) are
 * served, `data:` and `blob:` are not supported, and the Response's `url` and `type` are not the real ones.
 */
async function netFetch(input: string | Request, init?: RequestInit): Promise<Response> {
  const request = new Request(input, init);
  fakeState.fetches.push(request.url);
  const url = new URL(request.url);
  const scheme = url.protocol.slice(0, -1);
  const handler = fakeState.protocolHandlers.get(scheme);
  if (handler) return handler(request);
  if (url.protocol === 'file:') {
    const body = await readFile(fileURLToPath(url));
    return new Response(new Uint8Array(body));
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TypeError(`net::ERR_UNKNOWN_URL_SCHEME (${url.protocol} is not supported by net.fetch)`);
  }
  const body = request.body ? Buffer.from(await request.arrayBuffer()) : undefined;
  return new Promise((resolve, reject) => {
    if (request.signal.aborted) return reject(request.signal.reason as Error);
    const req = new FakeClientRequest({ url: request.url, method: request.method, redirect: request.redirect }, true);
    for (const [name, value] of request.headers) req.setHeader(name, value);
    request.signal.addEventListener(
      'abort',
      () => {
        reject(request.signal.reason as Error);
        req.abort();
      },
      { once: true },
    );
    req.on('response', (res: IncomingMessage) => {
      const headers = new Headers();
      for (const [name, value] of Object.entries(res.headers)) {
        if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
      }
      const status = res.statusCode ?? 0;
      const stream =
        NULL_BODY_STATUS.includes(status) || request.method === 'HEAD'
          ? null
          : (Readable.toWeb(res) as unknown as ReadableStream<Uint8Array>);
      // Electron passes its url list in a ResponseInit field Node's Response ignores: `url` comes out empty.
      resolve(new Response(stream, { status, statusText: res.statusMessage ?? '', headers }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

// ---- the module ------------------------------------------------------------------------------------------------

export type Spy = <F extends (...args: never[]) => unknown>(fn: F) => F;

export interface FakeElectronOptions extends FakeAppOptions {
  /** Wraps every namespace function (vitest passes vi.fn so tests can read `.mock.calls`); identity by default. */
  spy?: Spy;
}

/** Wraps each function-valued member of `target` (own or inherited, bound to it) with `spy`, in place. */
function spyOnMembers<T extends object>(target: T, spy: Spy): T {
  const names = new Set<string>(Object.keys(target));
  for (let proto = Object.getPrototypeOf(target) as object | null; proto && proto !== EventEmitter.prototype;) {
    for (const name of Object.getOwnPropertyNames(proto)) if (name !== 'constructor') names.add(name);
    proto = Object.getPrototypeOf(proto) as object | null;
  }
  const record = target as Record<string, unknown>;
  for (const name of names) {
    const value = record[name];
    if (typeof value === 'function') record[name] = spy((value as (...args: never[]) => unknown).bind(target));
  }
  return target;
}

export function createFakeElectron(options: FakeElectronOptions = {}) {
  const spy: Spy = options.spy ?? ((fn) => fn);
  const session = {
    defaultSession: {
      setPermissionRequestHandler(handler: ((...args: never[]) => unknown) | null) {
        fakeState.permissionHandlers.request = handler;
      },
      setPermissionCheckHandler(handler: ((...args: never[]) => unknown) | null) {
        fakeState.permissionHandlers.check = handler;
      },
      setDevicePermissionHandler(handler: ((...args: never[]) => unknown) | null) {
        fakeState.permissionHandlers.device = handler;
      },
    },
  };
  const electron = {
    app: spyOnMembers(new FakeApp(options), spy),
    Tray: FakeTray,
    BrowserWindow: FakeBrowserWindow,
    Notification: FakeNotification,
    nativeTheme: fakeNativeTheme,
    Menu: spyOnMembers(
      {
        buildFromTemplate(template: unknown[]) {
          fakeState.menus += 1;
          fakeState.lastMenu = template;
          return { template };
        },
      },
      spy,
    ),
    nativeImage: spyOnMembers(
      { createFromPath: (path: string) => new FakeImage(path), createEmpty: () => new FakeImage('') },
      spy,
    ),
    screen: {
      getDisplayNearestPoint: () => ({ workArea: { x: 0, y: 25, width: 1440, height: 875 } }),
      getPrimaryDisplay: () => ({ workArea: { x: 0, y: 25, width: 1440, height: 875 } }),
    },
    ipcMain: spyOnMembers(
      {
        handle(channel: string, listener: (event: unknown, request: unknown) => Promise<unknown>) {
          fakeState.ipcHandlers.set(channel, listener);
        },
        removeHandler(channel: string) {
          fakeState.ipcHandlers.delete(channel);
        },
        on(channel: string) {
          fakeState.ipcOn.push(channel);
        },
      },
      spy,
    ),
    protocol: spyOnMembers(
      {
        registerSchemesAsPrivileged(schemes: { scheme: string; privileges?: Record<string, boolean> }[]) {
          fakeState.privilegedSchemes.push(...schemes);
        },
        handle(scheme: string, handler: (request: Request) => Response | Promise<Response>) {
          fakeState.protocolHandlers.set(scheme, handler);
        },
      },
      spy,
    ),
    session,
    net: spyOnMembers(
      {
        fetch: netFetch,
        request: (options: string | { url: string; method?: string; redirect?: RedirectMode }) =>
          new FakeClientRequest(options),
        isOnline: () => true,
      },
      spy,
    ),
    safeStorage: {
      isEncryptionAvailable: () => false,
      getSelectedStorageBackend: () => 'basic_text',
      encryptString: () => Buffer.alloc(0),
      decryptString: () => '',
    },
    powerMonitor: new EventEmitter(),
    globalShortcut: spyOnMembers(
      {
        register(accelerator: string) {
          fakeState.shortcuts.push(accelerator);
          return true;
        },
        unregister() {},
        unregisterAll() {},
        isRegistered: () => false,
      },
      spy,
    ),
    clipboard: spyOnMembers(
      {
        writeText: () => Promise.resolve(),
        readText: () => Promise.resolve(''),
        read: () => Promise.resolve([] as { type: string; data: unknown }[]),
      },
      spy,
    ),
    shell: spyOnMembers(
      {
        openPath: () => Promise.resolve(''),
        openExternal: () => Promise.resolve(),
        showItemInFolder: (_path: string) => {},
      },
      spy,
    ),
    dialog: spyOnMembers(
      {
        showOpenDialog: () => Promise.resolve({ canceled: false, filePaths: ['/chosen'] as string[] }),
        showMessageBox: (options: FakeMessageBoxOptions) =>
          Promise.resolve({ response: messageBoxResponse(options, fakeDialog.nextAction), checkboxChecked: false }),
      },
      spy,
    ),
  };
  return { ...electron, default: electron };
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;

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

function menuLabels(template: unknown[]): unknown[] {
  return template.map((item) => {
    const { label, type, submenu } = item as { label?: string; type?: string; submenu?: unknown };
    return { label, type, submenu: Array.isArray(submenu) ? menuLabels(submenu) : undefined };
  });
}

/** What the fake saw, as plain JSON (the bundle test's child sends this to the parent). */
export function fakeRecord() {
  return {
    singleInstanceLock: fakeState.singleInstanceLock,
    userDataSet: fakeState.userDataSet,
    schemes: fakeState.privilegedSchemes,
    protocols: [...fakeState.protocolHandlers.keys()],
    ipcHandles: [...fakeState.ipcHandlers.keys()],
    permissionHandlers: Object.fromEntries(
      Object.entries(fakeState.permissionHandlers).map(([name, handler]) => [name, typeof handler === 'function']),
    ),
    trays: FakeTray.instances.map((tray) => ({
      images: tray.images.map((image) => (image as FakeImage | undefined)?.path),
      tooltip: tray.tooltip,
      title: tray.title,
      contextMenus: tray.contextMenuSets,
      destroyed: tray.destroyed,
    })),
    menus: fakeState.menus,
    lastMenu: menuLabels(fakeState.lastMenu),
    windows: FakeBrowserWindow.instances.map((window) => ({
      options: window.options,
      loadedFile: window.loadedFile,
      loadedUrl: window.loadedUrl,
      shown: window.shown,
      windowOpenHandler: typeof window.webContents.openHandler === 'function',
    })),
    notifications: FakeNotification.instances.map((n) => ({
      title: n.options.title,
      body: n.options.body,
      icon: n.options.icon,
      shown: n.shown,
    })),
    fetches: fakeState.fetches,
    requests: fakeState.requests,
    quitCalls: fakeState.quit.calls,
    beforeQuitPrevented: fakeState.quit.prevented,
    quitCompleted: fakeState.quit.completed,
  };
}
